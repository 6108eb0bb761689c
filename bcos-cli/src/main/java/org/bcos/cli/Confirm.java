package org.bcos.cli;

import java.io.Console;
import java.util.Locale;
import java.util.function.Supplier;

/** Questions to the person at the terminal, refused by name when there is none. */
final class Confirm {
  private Confirm() {}

  /** Asks a yes/no question; anything but y or yes stops the command (NOT_CONFIRMED). */
  static void ask(String question) {
    Console console = terminal(() -> new CliException("CONFIRMATION_REQUIRED",
        question.replaceAll("\\?$", "") + ": no terminal to confirm on; add --yes"));
    String answer = console.readLine("%s [y/N] ", question);
    String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
    if (!a.equals("y") && !a.equals("yes")) {
      throw new CliException("NOT_CONFIRMED", "not confirmed; nothing changed");
    }
  }

  /**
   * The console when a person can answer on it. Since JDK 22 {@code System.console()} may exist
   * with stdin or stdout redirected, so {@link Console#isTerminal()} decides.
   */
  static Console terminal(Supplier<CliException> otherwise) {
    Console console = System.console();
    if (console == null || !console.isTerminal()) throw otherwise.get();
    return console;
  }
}
