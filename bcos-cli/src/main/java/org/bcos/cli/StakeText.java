package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;
import org.bcos.types.Amount;

/**
 * Reading and writing what {@code bcos stake} commands take and show: DDC amounts ("1000",
 * "1000DDC", "12.5 DDC"), commission rates ("5%", "0.25%", or basis points "500bp"), heights with
 * thousands separators and block counts as rough durations ("~21 days").
 */
final class StakeText {
  private StakeText() {}

  /** Basis points in 100 %. */
  static final int MAX_BASIS_POINTS = 10_000;

  /** A DDC amount, with or without a "DDC" suffix; {@code option} names it in errors. */
  static long amount(String text, String option) {
    String t = text.strip();
    if (t.toUpperCase(Locale.ROOT).endsWith("DDC")) t = t.substring(0, t.length() - 3).strip();
    long units = SendCommand.parseAmount(t, option);
    if (units <= 0) throw new CliException("INVALID_AMOUNT", option + " must be more than 0");
    return units;
  }

  /**
   * A rate as basis points: "5%" or "5" (percent, up to two decimals: "0.25%"), or "500bp".
   * Refuses more than 100 % or finer than one basis point, naming {@code option}.
   */
  static int basisPoints(String text, String option) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    BigDecimal points;
    try {
      points = t.endsWith("bp") ? new BigDecimal(t.substring(0, t.length() - 2).strip())
          : new BigDecimal(t.endsWith("%") ? t.substring(0, t.length() - 1).strip() : t)
              .movePointRight(2);
    } catch (NumberFormatException e) {
      throw invalidRate(option, text);
    }
    if (points.signum() < 0 || points.compareTo(BigDecimal.valueOf(MAX_BASIS_POINTS)) > 0) {
      throw new CliException("INVALID_RATE", option + " must be 0%..100%, got " + text);
    }
    try {
      return points.intValueExact();
    } catch (ArithmeticException e) {
      throw new CliException("INVALID_RATE", option + " must be a whole number of basis points"
          + " (0.01%), got " + text);
    }
  }

  private static CliException invalidRate(String option, String text) {
    return new CliException("INVALID_RATE", option + " must be a percentage (5%, 0.25%) or"
        + " basis points (500bp), got " + text);
  }

  /** Basis points as a percentage: 500 → "5%", 25 → "0.25%". */
  static String percent(long basisPoints) {
    return BigDecimal.valueOf(basisPoints).movePointLeft(2).stripTrailingZeros().toPlainString()
        + "%";
  }

  /** A height with thousands separators: 181452 → "181,452". */
  static String height(long height) {
    return NumberFormat.getIntegerInstance(Locale.ROOT).format(height);
  }

  /** About how long {@code blocks} blocks take at {@code blockMillis} each: "~21 days". */
  static String duration(long blocks, long blockMillis) {
    long seconds = Math.max(0, blocks) * Math.max(1, blockMillis) / 1000;
    if (seconds < 120) return "~" + seconds + " s";
    if (seconds < 2 * 3600) return "~" + Math.round(seconds / 60.0) + " min";
    if (seconds < 2 * 86_400) return "~" + Math.round(seconds / 3600.0) + " hours";
    return "~" + Math.round(seconds / 86_400.0) + " days";
  }

  /** The DDC amount of an answer's {@code field}/{@code fieldUnits} pair, with "DDC". */
  static String ddc(JsonNode node, String field) {
    return Amount.format(Long.parseLong(node.path(field + "Units").asText("0"))) + " DDC";
  }
}
