package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The notary commands' parsing and local work (no node): help, the document, its hash. */
class NotaryCommandTest {
  @TempDir Path dir;

  @Test
  void everyNotaryCommandAnswersHelp() {
    for (String sub : new String[] {"", "anchor", "attest", "revoke", "verify"}) {
      String[] args = sub.isEmpty() ? new String[] {"notary", "--help"}
          : new String[] {"notary", sub, "--help"};
      String out = captured(() -> assertEquals(0, BcosCli.run(args)));
      assertTrue(out.contains("Usage: bcos notary"), sub + ": " + out);
    }
  }

  @Test
  void theFileIsHashedLocallyInAStream() throws Exception {
    byte[] content = new byte[200_000];
    for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
    Path file = Files.write(dir.resolve("deed.pdf"), content);
    assertEquals(Digests.sha256(content), NotaryCommand.sha256(file));
    NotaryCommand.Anchor anchor = new NotaryCommand.Anchor();
    new CommandLine(anchor).parseArgs(file.toString(), "--label", "deed", "--from", "dev");
    assertEquals(new NotaryAnchor(Digests.sha256(content), "deed"), anchor.message());
  }

  @Test
  void aHashMayStandForTheFile() {
    Hash h = Digests.sha256("x".getBytes(StandardCharsets.UTF_8));
    NotaryCommand.Revoke revoke = new NotaryCommand.Revoke();
    new CommandLine(revoke).parseArgs("--hash", h.toHex(), "--from", "dev");
    assertEquals(h, revoke.document.hash());
  }

  @Test
  void aBadHashOrAMissingFileIsANamedError() {
    NotaryCommand.Attest attest = new NotaryCommand.Attest();
    new CommandLine(attest).parseArgs("--hash", "abc", "--from", "dev");
    assertEquals("INVALID_HASH",
        assertThrows(CliException.class, attest::message).reason());
    NotaryCommand.Attest missing = new NotaryCommand.Attest();
    new CommandLine(missing).parseArgs(dir.resolve("nope").toString(), "--from", "dev");
    assertEquals("FILE_UNREADABLE",
        assertThrows(CliException.class, missing::message).reason());
  }

  @Test
  void fileAndHashTogetherOrNeitherIsAUsageError() {
    String err = captured(() -> assertEquals(2, BcosCli.run("notary", "verify")));
    assertEquals(2, BcosCli.run("notary", "verify", "a.pdf", "--hash", "00".repeat(32)));
    assertTrue(err.isEmpty(), "usage errors go to stderr");
  }

  static String captured(Runnable action) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setOut(original);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
