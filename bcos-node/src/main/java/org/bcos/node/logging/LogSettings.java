package org.bcos.node.logging;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a node logs: levels (one for everything, and one per component), the line format, and where
 * lines go (standard output, or a file rotated by size and day with a retention cap). Plain values
 * with no Logback type, so that reading a config file or the command line never loads the backend;
 * {@link NodeLogging#apply} turns them into a Logback configuration.
 *
 * @param level the level of every logger without a level of its own
 * @param components levels by component name (one of {@link #COMPONENTS}), sorted
 * @param format text lines (the human format) or JSON lines
 * @param file the log file, or null for standard output
 * @param maxFileBytes a file is rolled over when it reaches this size
 * @param maxHistoryDays rolled files older than this many days are deleted
 * @param totalSizeCapBytes rolled files are deleted, oldest first, beyond this total size
 */
public record LogSettings(Level level, Map<String, Level> components, Format format, Path file,
    long maxFileBytes, int maxHistoryDays, long totalSizeCapBytes) {

  /** Logger names of the node's components: {@code --log-level p2p=debug} sets "bcos.p2p". */
  public static final List<String> COMPONENTS = List.of("chain", "consensus", "events", "health",
      "ingress", "node", "p2p", "rpc", "snapshot", "sync");
  /** The prefix of every BCOS logger name ("bcos.consensus"); the text format leaves it out. */
  public static final String PREFIX = "bcos.";
  /** Not a BCOS component, but the one library that logs much: its level can be set the same way. */
  public static final String NETTY = "netty";

  public static final long DEFAULT_MAX_FILE_BYTES = 100L << 20;
  public static final int DEFAULT_MAX_HISTORY_DAYS = 14;
  public static final long DEFAULT_TOTAL_SIZE_CAP_BYTES = 1L << 30;
  /** Smallest size a log file may be rolled at (a smaller one would roll at every line). */
  public static final long MIN_FILE_BYTES = 1024;

  /** Log levels, most verbose first. */
  public enum Level { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

  /** The line formats. */
  public enum Format { TEXT, JSON }

  /** INFO text lines on standard output: what {@code bcos node} prints without options. */
  public static final LogSettings DEFAULT = new LogSettings(Level.INFO, Map.of(), Format.TEXT,
      null, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_HISTORY_DAYS, DEFAULT_TOTAL_SIZE_CAP_BYTES);

  public LogSettings {
    if (level == null || format == null) throw new IllegalArgumentException("level and format");
    components = java.util.Collections.unmodifiableMap(new TreeMap<>(components));
    for (String name : components.keySet()) checkComponent(name);
    if (maxFileBytes < MIN_FILE_BYTES) {
      throw new IllegalArgumentException("the largest log file must be at least " + MIN_FILE_BYTES
          + " bytes, got " + maxFileBytes);
    }
    if (maxHistoryDays < 1) {
      throw new IllegalArgumentException("log history must keep at least 1 day, got "
          + maxHistoryDays);
    }
    if (totalSizeCapBytes < maxFileBytes) {
      throw new IllegalArgumentException("the log size cap (" + totalSizeCapBytes
          + " bytes) must be at least the largest log file (" + maxFileBytes + " bytes)");
    }
  }

  /**
   * These settings with the levels of {@code spec}: a level ({@code "debug"}), levels by
   * component ({@code "p2p=debug,consensus=info"}) or both ({@code "warn,chain=info"}). An unknown
   * level or component is an {@link IllegalArgumentException} naming it and the known ones.
   */
  public LogSettings withLevels(String spec) {
    Level global = level;
    Map<String, Level> byComponent = new TreeMap<>(components);
    boolean globalSeen = false;
    for (String part : spec.split(",", -1)) {
      String item = part.strip();
      int eq = item.indexOf('=');
      if (eq < 0) {
        if (globalSeen) throw new IllegalArgumentException("log level given twice in '" + spec + "'");
        global = parseLevel(item);
        globalSeen = true;
      } else {
        String name = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        checkComponent(name);
        byComponent.put(name, parseLevel(item.substring(eq + 1)));
      }
    }
    return new LogSettings(global, byComponent, format, file, maxFileBytes, maxHistoryDays,
        totalSizeCapBytes);
  }

  public LogSettings withFormat(Format newFormat) {
    return new LogSettings(level, components, newFormat, file, maxFileBytes, maxHistoryDays,
        totalSizeCapBytes);
  }

  /** Lines go to {@code newFile}, rolled over as configured (null: standard output). */
  public LogSettings withFile(Path newFile) {
    return new LogSettings(level, components, format, newFile, maxFileBytes, maxHistoryDays,
        totalSizeCapBytes);
  }

  public LogSettings withRotation(long newMaxFileBytes, int newMaxHistoryDays,
      long newTotalSizeCapBytes) {
    return new LogSettings(level, components, format, file, newMaxFileBytes, newMaxHistoryDays,
        newTotalSizeCapBytes);
  }

  /** The level spec these settings were made from, as {@link #withLevels} reads it. */
  public String levelSpec() {
    StringBuilder sb = new StringBuilder(level.name().toLowerCase(Locale.ROOT));
    components.forEach((name, l) -> sb.append(',').append(name).append('=')
        .append(l.name().toLowerCase(Locale.ROOT)));
    return sb.toString();
  }

  /** The logger a component name stands for ("p2p" is "bcos.p2p", "netty" is "io.netty"). */
  public static String loggerName(String component) {
    return component.equals(NETTY) ? "io.netty" : PREFIX + component;
  }

  public static Level parseLevel(String text) {
    String name = text.strip().toUpperCase(Locale.ROOT);
    for (Level l : Level.values()) {
      if (l.name().equals(name)) return l;
    }
    throw new IllegalArgumentException("unknown log level '" + text.strip() + "' (one of "
        + java.util.Arrays.stream(Level.values()).map(l -> l.name().toLowerCase(Locale.ROOT))
            .toList() + ")");
  }

  public static Format parseFormat(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> Format.TEXT;
      case "json" -> Format.JSON;
      default -> throw new IllegalArgumentException("unknown log format '" + text.strip()
          + "' (text or json)");
    };
  }

  private static void checkComponent(String name) {
    if (!COMPONENTS.contains(name) && !name.equals(NETTY)) {
      throw new IllegalArgumentException("unknown log component '" + name + "' (one of "
          + COMPONENTS + " or " + NETTY + ")");
    }
  }
}
