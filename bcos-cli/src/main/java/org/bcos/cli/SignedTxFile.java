package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bcos.client.JsonTree;
import org.bcos.crypto.Ed25519;
import org.bcos.ledger.Modules;
import org.bcos.types.Amount;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * The signed-transaction file that {@code --sign-only} writes and {@code bcos submit} sends: one
 * JSON object,
 *
 * <pre>
 * {"format": "bcos-signed-tx/1", "hash": …, "chainId": …, "from": …, "nonce": …,
 *  "fee": "0.001", "feeUnits": "100000", "expiryHeight": …, "powStamp"?: …,
 *  "type": "coin.transfer", &lt;the message's fields, as bcos_getTransaction shows them&gt;,
 *  "hex": "&lt;the signed transaction, canonical encoding&gt;"}
 * </pre>
 *
 * <p>{@code hex} is the transaction; every other field is a summary for the person who carries the
 * file, checked against {@code hex} when the file is read, so an edited summary is refused rather
 * than believed. The signature is checked too. Nothing in the file is secret.
 */
final class SignedTxFile {
  static final String FORMAT = "bcos-signed-tx/1";
  /** A transaction is at most 2 KiB, so its file (hex and summary) is well under this. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private SignedTxFile() {}

  /** The file's JSON for {@code tx}. */
  static ObjectNode toJson(Transaction tx) {
    ObjectNode out = Output.object().put("format", FORMAT);
    summary(tx, out);
    return out.put("hex", Hex.encode(tx.encoded()));
  }

  /** The human summary of {@code tx}: what would be sent. */
  static ObjectNode summary(Transaction tx, ObjectNode out) {
    out.put("hash", tx.hash().toHex()).put("chainId", tx.body().chainId())
        .put("from", tx.sender().toString()).put("nonce", tx.nonce())
        .put("fee", Amount.format(tx.fee())).put("feeUnits", Long.toString(tx.fee()))
        .put("expiryHeight", tx.body().expiryHeight());
    if (tx.powStamp() != 0) out.put("powStamp", Long.toUnsignedString(tx.powStamp()));
    Modules.STANDARD.typeOf(tx.message()).ifPresent(t -> out.put("type", t.name()));
    Modules.STANDARD.moduleOf(tx.message()).flatMap(m -> m.rpc())
        .ifPresent(rpc -> rpc.messageFields(tx.message(), out));
    return out;
  }

  /**
   * Writes {@code tx}'s file; an existing file is never replaced ({@code ALREADY_EXISTS}: it may
   * hold another signed transaction).
   */
  static void write(Path file, Transaction tx) {
    byte[] text = (pretty(toJson(tx)) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new CliException("ALREADY_EXISTS", file + " exists; it is not replaced (it may hold"
          + " another signed transaction): choose another --out");
    } catch (IOException e) {
      throw new CliException("FILE_UNWRITABLE", "cannot write " + file + ": " + e.getMessage());
    }
  }

  static String pretty(JsonNode node) {
    return JsonTree.pretty(node);
  }

  /** Reads and checks a file ({@code -}: stdin). */
  static Transaction read(String file) {
    byte[] bytes;
    try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
      bytes = in.readNBytes(MAX_FILE_BYTES + 1);
    } catch (IOException e) {
      throw new CliException("FILE_UNREADABLE", "cannot read " + file + ": " + e.getMessage());
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw notSigned(file, "it is larger than " + MAX_FILE_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = JsonTree.parse(bytes);
    } catch (IOException e) {
      throw notSigned(file, "it is not JSON");
    }
    return fromJson(file, json);
  }

  /**
   * The transaction of a parsed file: the format tag, the hex decoding strictly to a transaction,
   * its signature, and every summary field equal to what the transaction says.
   */
  static Transaction fromJson(String file, JsonNode json) {
    if (json == null || !json.isObject() || !FORMAT.equals(json.path("format").asText(null))) {
      throw notSigned(file, "it has no \"format\": \"" + FORMAT + "\" (not written by"
          + " --sign-only?)");
    }
    Transaction tx = decode(file, json.path("hex").asText(""));
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.bodyBytes(tx)).toBytes();
    if (!Ed25519.verify(tx.sender().toBytes(), digest, tx.signature())) {
      throw notSigned(file, "its signature does not verify for " + tx.sender());
    }
    ObjectNode expected = toJson(tx);
    for (var it = expected.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      // as JSON text: a parsed 7 is an int node, a written one a long node
      if (!expected.get(field).toString().equals(String.valueOf(json.get(field)))) {
        throw notSigned(file, "its \"" + field + "\" (" + json.get(field) + ") is not what the"
            + " signed bytes say (" + expected.get(field) + "): the summary was edited");
      }
    }
    return tx;
  }

  private static Transaction decode(String file, String hex) {
    try {
      byte[] bytes = Hex.decode(hex);
      if (bytes.length > Transaction.MAX_ENCODED_BYTES) {
        throw notSigned(file, "its transaction is larger than " + Transaction.MAX_ENCODED_BYTES
            + " bytes");
      }
      return Modules.decodeTransaction(bytes);
    } catch (IllegalArgumentException | CodecException e) {
      throw notSigned(file, "its \"hex\" is not a signed transaction (" + e.getMessage() + ")");
    }
  }

  private static CliException notSigned(String file, String why) {
    return new CliException("NOT_A_SIGNED_TX", (file.equals("-") ? "stdin" : file)
        + " is not a signed BCOS transaction: " + why);
  }
}
