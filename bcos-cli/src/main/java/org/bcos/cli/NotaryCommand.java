package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.Callable;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryAttest;
import org.bcos.ledger.notary.api.NotaryRevoke;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos notary …}: anchor a document's SHA-256 on chain, attest (co-sign) another account's
 * anchor, revoke your own, and verify who anchored and attested a document, with the Merkle proof
 * checked here against the block's state root (docs/MODULES.md walks through the module).
 */
@Command(name = "notary", mixinStandardHelpOptions = true, description = "Notarise documents: anchor, attest, revoke, verify",
    subcommands = {NotaryCommand.Anchor.class, NotaryCommand.Attest.class,
        NotaryCommand.Revoke.class, NotaryCommand.Verify.class})
final class NotaryCommand {
  private NotaryCommand() {}

  /** The document: a file hashed here, or its SHA-256 given in hex. */
  static final class Document {
    @Parameters(paramLabel = "FILE", description = "the document (hashed locally, never sent)")
    Path file;
    @Option(names = "--hash", paramLabel = "HEX", description = "the document's SHA-256 instead "
        + "of the file") String hex;

    private Hash hash;

    Hash hash() {
      if (hash == null) hash = hex != null ? parseHash(hex) : sha256(file);
      return hash;
    }

    void describe(ObjectNode out) {
      out.put("document", hash().toHex());
      if (file != null) out.put("file", file.toString());
    }
  }

  /** A transaction command about one document. */
  abstract static class DocumentTxCommand extends TxCommand {
    @ArgGroup(exclusive = true, multiplicity = "1") Document document;

    @Override
    void describe(ObjectNode out) {
      document.describe(out);
    }
  }

  @Command(name = "anchor", mixinStandardHelpOptions = true,
      description = "Anchor a document's SHA-256 on chain (once per document, ever)")
  static final class Anchor extends DocumentTxCommand {
    @Option(names = "--label", defaultValue = "", description = "up to "
        + NotaryAnchor.MAX_LABEL_BYTES + " bytes of text, public") String label;

    @Override
    Message message() {
      return new NotaryAnchor(document.hash(), label);
    }
  }

  @Command(name = "attest", mixinStandardHelpOptions = true,
      description = "Co-sign another account's anchor of a document")
  static final class Attest extends DocumentTxCommand {
    @Override
    Message message() {
      return new NotaryAttest(document.hash());
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke your own anchor (it stays on record, marked revoked)")
  static final class Revoke extends DocumentTxCommand {
    @Override
    Message message() {
      return new NotaryRevoke(document.hash());
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Who anchored and attested a document, when; the node's Merkle proofs are "
          + "checked here against the state root of the block they are for")
  static final class Verify implements Callable<Integer> {
    @Mixin CommonOptions common;
    @ArgGroup(exclusive = true, multiplicity = "1") Document document;

    @Override
    public Integer call() {
      Hash hash = document.hash();
      JsonNode answer = common.client().call("notary_getAnchor", hash.toHex());
      JsonNode block = common.client().block(Long.toString(answer.path("height").asLong()), false);
      ObjectNode out = NotaryProofs.verify(hash, answer, block);
      if (document.file != null) out.put("file", document.file.toString());
      if (!out.path("anchored").asBoolean()) {
        if (common.json) Output.json(System.out, out);
        throw new CliException("NOT_ANCHORED", "document " + hash.toHex() + " is not anchored"
            + " (its absence is proven against block " + out.path("proofHeight").asLong()
            + "'s state root)");
      }
      if (common.json) Output.json(System.out, out); else NotaryProofs.printHuman(out);
      return 0;
    }
  }

  static Hash parseHash(String hex) {
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_HASH", "--hash: not a SHA-256 in hex: " + e.getMessage());
    }
  }

  /** The SHA-256 of a file's bytes, read in a stream (documents may be large). */
  static Hash sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
      return Hash.wrap(digest.digest());
    } catch (IOException e) {
      throw new CliException("FILE_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
