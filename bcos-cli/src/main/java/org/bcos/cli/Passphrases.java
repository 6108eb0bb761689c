package org.bcos.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where passphrases come from, in order: {@code --passphrase-file}, {@code $BCOS_PASSPHRASE}, then
 * an interactive prompt. Unlocking also tries the empty passphrase first, which only the
 * development key uses.
 */
final class Passphrases {
  private Passphrases() {}

  /** Candidates to try when unlocking, most likely first. */
  static List<char[]> forUnlock(Path file, String keyName) {
    char[] given = fromFileOrEnv(file);
    // the empty passphrase is the development key's; trying it costs one key derivation
    if (given != null) return List.of(given, new char[0]);
    return List.of(new char[0]);
  }

  /** Asks interactively (after the non-interactive candidates failed). */
  static char[] prompt(String keyName) {
    Console console = System.console();
    if (console == null) {
      throw new CliException("key '" + keyName + "' needs a passphrase: use --passphrase-file "
          + "or set BCOS_PASSPHRASE");
    }
    char[] p = console.readPassword("Passphrase for key '%s': ", keyName);
    if (p == null) throw new CliException("no passphrase entered");
    return p;
  }

  /** A passphrase for a new key: file or environment, else asked twice. */
  static char[] forNewKey(Path file) {
    char[] given = fromFileOrEnv(file);
    if (given != null) return given;
    Console console = System.console();
    if (console == null) {
      throw new CliException("a new key needs a passphrase: use --passphrase-file or set "
          + "BCOS_PASSPHRASE");
    }
    char[] first = console.readPassword("New passphrase: ");
    char[] second = console.readPassword("Repeat passphrase: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new CliException("the two passphrases differ");
    }
    return first;
  }

  private static char[] fromFileOrEnv(Path file) {
    if (file != null) {
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).toCharArray();
      } catch (IOException e) {
        throw new CliException("cannot read passphrase file " + file + ": " + e.getMessage());
      }
    }
    String env = System.getenv("BCOS_PASSPHRASE");
    return env != null ? env.toCharArray() : null;
  }
}
