package org.bcos.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a mnemonic for {@code key import} comes from: {@code --mnemonic-file FILE}, stdin with
 * {@code --mnemonic-file -}, a hidden prompt on a terminal, or (discouraged: shell history keeps
 * it) {@code --mnemonic WORDS}. Whitespace between words is normalised to one space.
 */
final class Mnemonics {
  /** A 24-word mnemonic is under 250 bytes; more than this is not a mnemonic. */
  static final int MAX_BYTES = 4096;

  private Mnemonics() {}

  /** The words, from the argument, the file (or stdin), else a prompt. */
  static String read(String argument, String file) {
    if (argument != null && file != null) {
      throw new CliException("INVALID_ARGUMENT", "give --mnemonic or --mnemonic-file, not both");
    }
    String text = argument != null ? argument : file != null ? fromFile(file) : prompt();
    String words = String.join(" ", text.strip().split("\\s+"));
    if (words.isEmpty()) throw new CliException("MNEMONIC_REQUIRED", "the mnemonic is empty");
    return words;
  }

  private static String prompt() {
    char[] typed = Confirm.terminal(() -> new CliException("MNEMONIC_REQUIRED", "no mnemonic"
        + " given and no terminal to ask on: use --mnemonic-file FILE, or - to read stdin"))
        .readPassword("Mnemonic (24 words, not shown): ");
    return typed == null ? "" : new String(typed);
  }

  private static String fromFile(String file) {
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new CliException("INVALID_MNEMONIC", "more than " + MAX_BYTES + " bytes in "
            + (file.equals("-") ? "stdin" : file) + ": not a mnemonic");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("FILE_UNREADABLE", "cannot read the mnemonic from " + file + ": "
          + e.getMessage());
    }
  }
}
