package org.bcos.node;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One line per event: UTC time, level, component, message. Deliberately tiny. */
public final class Log {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static volatile PrintStream out = System.out;
  private static volatile boolean debug = Boolean.getBoolean("bcos.debug");

  private Log() {}

  public static void redirect(PrintStream stream) {
    out = stream;
  }

  public static void info(String component, String message) {
    line("INFO ", component, message);
  }

  public static void warn(String component, String message) {
    line("WARN ", component, message);
  }

  public static void error(String component, String message) {
    line("ERROR", component, message);
  }

  /** An unexpected failure: the message, then the stack trace (a bug to report). */
  public static void error(String component, String message, Throwable failure) {
    error(component, message + ": " + failure);
    java.io.StringWriter trace = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(trace));
    out.print(trace);
  }

  public static void debug(String component, String message) {
    if (debug) line("DEBUG", component, message);
  }

  private static void line(String level, String component, String message) {
    out.println(TIME.format(Instant.now()) + " " + level + " " + component + ": " + message);
  }
}
