package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.types.Amount;
import org.bcos.types.Hex;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The signed-transaction file of --sign-only and bcos submit: its fields and every refusal. */
class SignedTxFileTest {
  private static final Ed25519KeyPair ALICE = key(1);
  private static final Ed25519KeyPair BOB = key(2);

  @TempDir Path dir;

  private static Ed25519KeyPair key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private static Transaction transfer() {
    return Transactions.build("bcos-dev", ALICE, 7, 100_000, 1_234,
        new CoinTransfer(BOB.address(), Amount.parse("12.5"), "rent"));
  }

  @Test
  void fileHoldsTheBytesAndASummaryOfThem() {
    Transaction tx = transfer();
    ObjectNode json = SignedTxFile.toJson(tx);

    assertEquals(SignedTxFile.FORMAT, json.path("format").asText());
    assertEquals(tx.hash().toHex(), json.path("hash").asText());
    assertEquals("bcos-dev", json.path("chainId").asText());
    assertEquals(ALICE.address().toString(), json.path("from").asText());
    assertEquals(7, json.path("nonce").asLong());
    assertEquals("0.001", json.path("fee").asText());
    assertEquals("100000", json.path("feeUnits").asText());
    assertEquals(1_234, json.path("expiryHeight").asLong());
    assertEquals("coin.transfer", json.path("type").asText());
    assertEquals(BOB.address().toString(), json.path("to").asText());
    assertEquals("12.5", json.path("amount").asText());
    assertEquals(Hex.encode(tx.encoded()), json.path("hex").asText());
    assertEquals(tx, SignedTxFile.fromJson("f", json));
  }

  @Test
  void aFeeFreeTransactionKeepsItsStamp() {
    Transaction tx = Transactions.feeFree("bcos-dev", ALICE, 0, 50, new DvsSupport(1, 0, true), 4);
    ObjectNode json = SignedTxFile.toJson(tx);
    assertEquals(Long.toUnsignedString(tx.powStamp()), json.path("powStamp").asText());
    assertEquals("0", json.path("feeUnits").asText());
    assertEquals(tx, SignedTxFile.fromJson("f", json));
  }

  @Test
  void writtenFileReadsBackAndIsNeverReplaced() throws Exception {
    Path file = dir.resolve("tx.json");
    SignedTxFile.write(file, transfer());
    assertEquals(transfer(), SignedTxFile.read(file.toString()));
    String before = Files.readString(file);

    assertReason("ALREADY_EXISTS", () -> SignedTxFile.write(file,
        Transactions.build("bcos-dev", ALICE, 8, 100_000, 1_234,
            new CoinTransfer(BOB.address(), 1, ""))));
    assertEquals(before, Files.readString(file));
  }

  @Test
  void anEditedSummaryIsRefusedNotBelieved() {
    ObjectNode json = SignedTxFile.toJson(transfer());
    json.put("amount", "1250");
    CliException e = assertReason("NOT_A_SIGNED_TX", () -> SignedTxFile.fromJson("f", json));
    assertTrue(e.getMessage().contains("\"amount\""), e.getMessage());

    ObjectNode noFee = SignedTxFile.toJson(transfer());
    noFee.remove("fee");
    assertReason("NOT_A_SIGNED_TX", () -> SignedTxFile.fromJson("f", noFee));
  }

  @Test
  void aBadSignatureIsRefused() {
    byte[] bytes = transfer().encoded();
    bytes[bytes.length - 9] ^= 1; // last byte of the signature, before the 8-byte stamp
    ObjectNode json = SignedTxFile.toJson(transfer()).put("hex", Hex.encode(bytes));
    CliException e = assertReason("NOT_A_SIGNED_TX", () -> SignedTxFile.fromJson("f", json));
    assertTrue(e.getMessage().contains("signature"), e.getMessage());
  }

  @Test
  void otherInputIsNotASignedTransaction() throws Exception {
    ObjectNode good = SignedTxFile.toJson(transfer());
    assertReason("NOT_A_SIGNED_TX",
        () -> SignedTxFile.fromJson("f", good.deepCopy().put("format", "bcos-signed-tx/2")));
    assertReason("NOT_A_SIGNED_TX",
        () -> SignedTxFile.fromJson("f", good.deepCopy().put("hex", "zz")));
    assertReason("NOT_A_SIGNED_TX",
        () -> SignedTxFile.fromJson("f", good.deepCopy().put("hex", good.path("hex").asText()
            + "00")));
    assertReason("NOT_A_SIGNED_TX",
        () -> SignedTxFile.fromJson("f", org.bcos.client.JsonTree.parse("[]")));

    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertReason("NOT_A_SIGNED_TX", () -> SignedTxFile.read(text.toString()));
    Path huge = Files.write(dir.resolve("huge.json"), new byte[SignedTxFile.MAX_FILE_BYTES + 1]);
    assertReason("NOT_A_SIGNED_TX", () -> SignedTxFile.read(huge.toString()));
    assertReason("FILE_UNREADABLE", () -> SignedTxFile.read(dir.resolve("none").toString()));
  }

  private static CliException assertReason(String reason, Executable call) {
    CliException e = assertThrows(CliException.class, call);
    assertEquals(reason, e.reason(), e.getMessage());
    return e;
  }
}
