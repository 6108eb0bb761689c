package org.bcos.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where passphrases come from, in order: {@code --passphrase-file}, {@code $BCOS_PASSPHRASE}, then
 * an interactive prompt. The empty passphrase is never tried on the user's behalf: only a key whose
 * file marks it as a development key unlocks without one (see {@link Keys#unlock}), and the
 * keystore refuses an empty passphrase for every other key ({@code EMPTY_PASSPHRASE}).
 */
final class Passphrases {
  private Passphrases() {}

  /** The passphrase of an existing key: file or environment, else asked once. */
  static char[] forUnlock(Path file, String keyName) {
    char[] given = fromFileOrEnv(file);
    return given != null ? given : prompt(keyName);
  }

  /** Asks interactively; fails by name when there is no terminal to ask on. */
  static char[] prompt(String keyName) {
    Console console = Confirm.terminal(() -> new CliException("PASSPHRASE_REQUIRED", "key '"
        + keyName + "' needs a passphrase: use --passphrase-file or set BCOS_PASSPHRASE"));
    char[] p = console.readPassword("Passphrase for key '%s': ", keyName);
    if (p == null) throw new CliException("PASSPHRASE_REQUIRED", "no passphrase entered");
    return p;
  }

  /** A passphrase for a new key: file or environment, else asked twice. */
  static char[] forNewKey(Path file) {
    char[] given = fromFileOrEnv(file);
    return given != null ? given : askNew();
  }

  /** Asks twice for a new passphrase; fails by name without a terminal or when they differ. */
  static char[] askNew() {
    Console console = Confirm.terminal(() -> new CliException("PASSPHRASE_REQUIRED", "a new key"
        + " needs a passphrase: use --passphrase-file or set BCOS_PASSPHRASE"));
    char[] first = console.readPassword("New passphrase: ");
    char[] second = console.readPassword("Repeat passphrase: ");
    if (first == null || second == null || !Arrays.equals(first, second)) {
      throw new CliException("PASSPHRASE_MISMATCH", "the two passphrases differ");
    }
    return first;
  }

  /** The first line of {@code file} (an empty file gives the empty passphrase, which is refused). */
  static char[] fromFile(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      return (nl >= 0 ? text.substring(0, nl) : text).toCharArray();
    } catch (IOException e) {
      throw new CliException("PASSPHRASE_FILE_UNREADABLE", "cannot read passphrase file " + file
          + ": " + e.getMessage());
    }
  }

  private static char[] fromFileOrEnv(Path file) {
    if (file != null) return fromFile(file);
    String env = System.getenv("BCOS_PASSPHRASE");
    return env != null ? env.toCharArray() : null;
  }
}
