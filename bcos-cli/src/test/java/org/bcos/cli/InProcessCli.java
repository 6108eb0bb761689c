package org.bcos.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a {@code bcos} command in this JVM, capturing what it prints on stdout and stderr. */
final class InProcessCli {
  private InProcessCli() {}

  /** A finished command: its exit status and output. */
  record Run(int exit, String out, String err) {}

  /** Runs {@code args}; System.out and System.err are captured for the call (not thread-safe). */
  static Run run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    PrintStream before = System.out;
    PrintStream beforeErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      var cl = BcosCli.commandLine();
      cl.setErr(new java.io.PrintWriter(System.err, true));
      int exit = cl.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(before);
      System.setErr(beforeErr);
    }
  }
}
