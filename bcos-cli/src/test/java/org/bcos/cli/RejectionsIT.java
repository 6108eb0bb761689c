package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.mempool.MempoolLimits;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every named rejection reaches the JSON-RPC caller unchanged (reason and code) and changes
 * nothing: the sender's balance and nonce stay the same and the transaction is not found.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RejectionsIT {
  @TempDir static Path root;
  private static InProcessNode chain;

  @BeforeAll
  static void startNode() throws Exception {
    chain = InProcessNode.start(root);
  }

  @AfterAll
  static void stopNode() {
    if (chain != null) chain.close();
  }

  private static Address someone() {
    return InProcessNode.freshKey().address();
  }

  /** A transfer from dev at its next nonce with the given fields; other fields are valid. */
  private static Transaction devTransfer(long feeUnits, long expiry, Address to, long units,
      String memo) {
    return Transactions.transfer(chain.chainId(), chain.dev, chain.pendingNonce(chain.dev
        .address()), feeUnits, expiry, to, units, memo);
  }

  private static long validExpiry() {
    return chain.height() + 1000;
  }

  @Test
  void malformedEncodingIsRefused() {
    assertRejected(TxRejection.MALFORMED_ENCODING, "01deadbeef", null);
    byte[] valid = devTransfer(chain.minFee(), validExpiry(), someone(), 1, "").encoded();
    assertRejected(TxRejection.MALFORMED_ENCODING, Hex.encode(Arrays.copyOf(valid, valid.length
        + 1)), null);
    assertRejected(TxRejection.MALFORMED_ENCODING, Hex.encode(Arrays.copyOf(valid, valid.length
        - 1)), null);
  }

  @Test
  void malformedHexIsRefused() {
    assertRejected(TxRejection.MALFORMED_HEX, "zz", null);
    assertRejected(TxRejection.MALFORMED_HEX, "012", null);
  }

  @Test
  void unsupportedVersionIsRefused() {
    byte[] bytes = devTransfer(chain.minFee(), validExpiry(), someone(), 1, "").encoded();
    bytes[0] = 2;
    assertRejected(TxRejection.UNSUPPORTED_VERSION, Hex.encode(bytes), null);
  }

  @Test
  void wrongChainIdIsRefused() {
    Transaction tx = Transactions.transfer("other-chain", chain.dev, chain.nonce(chain.dev
        .address()), chain.minFee(), validExpiry(), someone(), 1, "");
    assertRejected(TxRejection.WRONG_CHAIN_ID, tx);
  }

  @Test
  void flippedSignatureBitIsBadSignature() {
    byte[] bytes = devTransfer(chain.minFee(), validExpiry(), someone(), 1, "").encoded();
    bytes[bytes.length - 10] ^= 0x04;
    Transaction tampered = org.bcos.ledger.Modules.decodeTransaction(bytes);
    assertRejected(TxRejection.BAD_SIGNATURE, tampered);
  }

  @Test
  void signatureOverAnotherBodyIsBadSignature() {
    Transaction tx = devTransfer(chain.minFee(), validExpiry(), someone(), 1_000, "");
    TxBody body = tx.body();
    CoinTransfer t = (CoinTransfer) body.message();
    TxBody changed = new TxBody(body.chainId(), body.sender(), body.nonce(), body.feeUnits(),
        body.expiryHeight(), new CoinTransfer(t.to(), 1_001, t.memo()));
    assertRejected(TxRejection.BAD_SIGNATURE, TransactionCodec.assemble(changed, tx.signature()));
  }

  @Test
  void reusedFinalNonceIsTooLow() throws Exception {
    long used = chain.pendingNonce(chain.dev.address());
    chain.awaitFinal(chain.client().send(chain.transfer(chain.dev, used, someone(), 5)));
    Transaction again = chain.transfer(chain.dev, used, someone(), 6);
    assertRejected(TxRejection.NONCE_TOO_LOW, again);
  }

  @Test
  void nonceFarAheadIsAGapTooLarge() {
    long next = chain.pendingNonce(chain.dev.address());
    int gap = chain.genesis.params().maxNonceGap();
    assertEquals(1000, gap);
    assertRejected(TxRejection.NONCE_GAP_TOO_LARGE,
        chain.transfer(chain.dev, next + gap + 1, someone(), 1));
  }

  @Test
  void amountAboveBalanceIsInsufficient() throws Exception {
    Ed25519KeyPair poor = InProcessNode.freshKey();
    chain.fund(poor.address(), Amount.parse("1"));
    Transaction tx = chain.transfer(poor, 0, someone(), Amount.parse("1") - chain.minFee() + 1);
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, tx, poor.address());
    // exactly the balance (amount + fee) is fine
    chain.awaitFinal(chain.client().send(
        chain.transfer(poor, 0, someone(), Amount.parse("1") - chain.minFee())));
    assertEquals(0, chain.balance(poor.address()));
  }

  @Test
  void devCannotSendMoreThanTheSupply() {
    long balance = chain.balance(chain.dev.address());
    assertRejected(TxRejection.INSUFFICIENT_BALANCE,
        devTransfer(chain.minFee(), validExpiry(), someone(), balance, ""));
  }

  @Test
  void zeroAmountIsNotPositive() {
    assertRejected(CoinRejection.AMOUNT_NOT_POSITIVE,
        devTransfer(chain.minFee(), validExpiry(), someone(), 0, ""));
  }

  @Test
  void amountPlusFeeOverflowIsRefused() {
    assertRejected(CoinRejection.AMOUNT_OVERFLOW,
        devTransfer(chain.minFee(), validExpiry(), someone(), Long.MAX_VALUE, ""));
  }

  @Test
  void expiryBelowNextHeightIsExpired() {
    long expiry = Math.max(0, chain.height() - 1);
    assertRejected(TxRejection.EXPIRED, devTransfer(chain.minFee(), expiry, someone(), 1, ""));
  }

  @Test
  void expiryBeyondTheWindowIsTooFar() {
    long far = chain.height() + chain.genesis.params().maxExpiryDeltaBlocks() + 100;
    assertRejected(TxRejection.EXPIRY_TOO_FAR, devTransfer(chain.minFee(), far, someone(), 1, ""));
  }

  @Test
  void oversizedEncodingIsRefused() {
    byte[] bytes = new byte[Transaction.MAX_ENCODED_BYTES + 1];
    bytes[0] = 1;
    assertRejected(TxRejection.OVERSIZED, Hex.encode(bytes), null);
  }

  @Test
  void feeBelowMinimumIsTooLow() {
    assertRejected(TxRejection.FEE_TOO_LOW,
        devTransfer(chain.minFee() - 1, validExpiry(), someone(), 1, ""));
  }

  @Test
  void senderWithoutAccountIsUnknown() {
    Ed25519KeyPair stranger = InProcessNode.freshKey();
    assertRejected(TxRejection.UNKNOWN_SENDER, chain.transfer(stranger, 0, someone(), 1),
        stranger.address());
  }

  @Test
  void overlongMemoIsRefusedByName() {
    String memo = "m".repeat(CoinTransfer.MAX_MEMO_BYTES + 44);
    assertRejected(CoinRejection.MEMO_TOO_LONG,
        devTransfer(chain.minFee(), validExpiry(), someone(), 1, memo));
  }

  @Test
  void memoAtTheLimitIsAccepted() throws Exception {
    String memo = "é".repeat(CoinTransfer.MAX_MEMO_BYTES / 2);
    JsonNode fin = chain.awaitFinal(chain.client().send(
        devTransfer(chain.minFee(), validExpiry(), someone(), 1, memo)));
    assertEquals(memo, fin.path("memo").asText());
  }

  @Test
  void transferToSelfIsRefused() {
    assertRejected(CoinRejection.SELF_TRANSFER,
        devTransfer(chain.minFee(), validExpiry(), chain.dev.address(), 1, ""));
  }

  @Test
  void sameTransactionTwiceIsAlreadyKnown() throws Exception {
    Transaction tx = devTransfer(chain.minFee(), validExpiry(), someone(), 11, "");
    chain.client().send(tx);
    RpcError pending = assertThrows(RpcError.class, () -> chain.client().send(tx));
    assertEquals(TxRejection.ALREADY_KNOWN.name(), pending.reason());
    assertEquals(TxRejection.ALREADY_KNOWN.code(), pending.code());
    JsonNode fin = chain.awaitFinal(tx.hash());

    long balance = chain.balance(chain.dev.address());
    long nonce = chain.nonce(chain.dev.address());
    RpcError known = assertThrows(RpcError.class, () -> chain.client().send(tx));
    assertEquals(TxRejection.ALREADY_KNOWN.name(), known.reason());
    assertEquals(TxRejection.ALREADY_KNOWN.code(), known.code());
    assertEquals(balance, chain.balance(chain.dev.address()));
    assertEquals(nonce, chain.nonce(chain.dev.address()));
    assertEquals(fin.path("height").asLong(),
        chain.client().transaction(tx.hash()).path("height").asLong());
  }

  @Test
  void batchSubmissionReportsEachRejectionInPlace() throws Exception {
    long nonce = chain.pendingNonce(chain.dev.address());
    Transaction good = chain.transfer(chain.dev, nonce, someone(), 2);
    Transaction zero = chain.transfer(chain.dev, nonce + 1, someone(), 0);
    Transaction self = chain.transfer(chain.dev, nonce + 1, chain.dev.address(), 1);
    ArrayNode results = chain.client().sendAll(List.of(good, zero, self));

    assertTrue(results.get(0).path("accepted").asBoolean());
    assertEquals(good.hash().toHex(), results.get(0).path("hash").asText());
    assertFalse(results.get(1).path("accepted").asBoolean());
    assertEquals("AMOUNT_NOT_POSITIVE", results.get(1).path("reason").asText());
    assertEquals(CoinRejection.AMOUNT_NOT_POSITIVE.code(), results.get(1).path("code").asInt());
    assertEquals("SELF_TRANSFER", results.get(2).path("reason").asText());
    assertEquals(CoinRejection.SELF_TRANSFER.code(), results.get(2).path("code").asInt());
    chain.awaitFinal(good.hash());
    assertNotFound(zero.hash());
    assertNotFound(self.hash());
  }

  /** Small mempool limits and slow blocks, on a separate chain in its own directory. */
  @Test
  void fullMempoolAndFullSenderQueueAreRefused(@TempDir Path own) throws Exception {
    try (InProcessNode small = InProcessNode.start(own)) {
      Ed25519KeyPair a = InProcessNode.freshKey();
      Ed25519KeyPair b = InProcessNode.freshKey();
      small.fund(a.address(), Amount.parse("10"));
      small.fund(b.address(), Amount.parse("10"));
      small.restart(c -> new NodeConfig(c.dataDir(), "127.0.0.1", 0, 60_000,
          new MempoolLimits(5, 1 << 16, 3), NodeConfig.RpcLimits.DEFAULT));
      small.awaitStartBlock(); // the block a node makes as it starts: the next is a minute away
      long devNonce = small.nonce(small.dev.address());
      for (int i = 0; i < 3; i++) {
        small.client().send(small.transfer(small.dev, devNonce + i, someone(), 1));
      }
      small.client().send(small.transfer(a, 0, someone(), 1));
      small.client().send(small.transfer(a, 1, someone(), 1));
      assertEquals(5, small.client().status().path("mempoolTxs").asInt());

      Transaction fourth = small.transfer(small.dev, devNonce + 3, someone(), 1);
      assertRejectedOn(small, TxRejection.SENDER_QUEUE_FULL, Hex.encode(fourth.encoded()),
          fourth.hash(), small.dev.address());
      Transaction newcomer = small.transfer(b, 0, someone(), 1);
      assertRejectedOn(small, TxRejection.MEMPOOL_FULL, Hex.encode(newcomer.encoded()),
          newcomer.hash(), b.address());
      assertEquals(5, small.client().status().path("mempoolTxs").asInt());
    }
  }

  private static void assertRejected(Rejection expected, Transaction tx) {
    assertRejected(expected, tx, chain.dev.address());
  }

  private static void assertRejected(Rejection expected, Transaction tx, Address sender) {
    assertRejectedOn(chain, expected, Hex.encode(tx.encoded()), tx.hash(), sender);
  }

  private static void assertRejected(Rejection expected, String hex, Hash hash) {
    assertRejectedOn(chain, expected, hex, hash, chain.dev.address());
  }

  private static void assertRejectedOn(InProcessNode node, Rejection expected, String hex,
      Hash hash, Address sender) {
    JsonNode before = node.client().account(sender, false);
    int mempoolBefore = node.client().status().path("mempoolTxs").asInt();

    RpcError e = assertThrows(RpcError.class,
        () -> node.client().call("bcos_sendRawTransaction", hex));

    assertEquals(expected.name(), e.reason(), e.getMessage());
    assertEquals(expected.code(), e.code(), e.getMessage());
    assertTrue(e.getMessage().startsWith(expected.sentence()), e.getMessage());
    JsonNode after = node.client().account(sender, false);
    assertEquals(before.path("balanceUnits").asText(), after.path("balanceUnits").asText());
    assertEquals(before.path("nonce").asLong(), after.path("nonce").asLong());
    assertEquals(before.path("pendingNonce").asLong(), after.path("pendingNonce").asLong());
    assertEquals(mempoolBefore, node.client().status().path("mempoolTxs").asInt());
    if (hash != null) {
      RpcError missing = assertThrows(RpcError.class, () -> node.client().transaction(hash));
      assertEquals("NOT_FOUND", missing.reason());
    }
  }

  private static void assertNotFound(Hash hash) {
    RpcError missing = assertThrows(RpcError.class, () -> chain.client().transaction(hash));
    assertEquals("NOT_FOUND", missing.reason());
  }
}
