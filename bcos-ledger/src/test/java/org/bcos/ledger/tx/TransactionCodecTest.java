package org.bcos.ledger.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.Random;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.types.Address;
import org.bcos.types.TestSeed;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.junit.jupiter.api.Test;

class TransactionCodecTest {
  static Transaction sample(Random r, long nonce, long amount, int memoLength) {
    byte[] from = new byte[32];
    byte[] to = new byte[32];
    byte[] sig = new byte[64];
    r.nextBytes(from);
    r.nextBytes(to);
    r.nextBytes(sig);
    String memo = "m".repeat(memoLength);
    TxBody body =
        new TxBody("bcos-dev", Address.wrap(from), nonce, 10_000, 99,
            new CoinTransfer(Address.wrap(to), amount, memo));
    return TransactionCodec.assemble(body, sig);
  }

  @Test
  void encodeDecodeRoundTrips() {
    long seed = TestSeed.of("TransactionCodecTest");
    Random r = new Random(seed);
    qt().withFixedSeed(seed).forAll(longs().between(0, Long.MAX_VALUE), longs().between(0, Long.MAX_VALUE),
            integers().between(0, CoinTransfer.MAX_MEMO_BYTES))
        .checkAssert(
            (nonce, amount, memo) -> {
              Transaction tx = sample(r, nonce, amount, memo);
              Transaction back = Modules.decodeTransaction(tx.encoded());
              assertEquals(tx.body(), back.body());
              assertArrayEquals(tx.signature(), back.signature());
              assertEquals(tx.hash(), back.hash());
              assertArrayEquals(TransactionCodec.encodeBody(tx.body()),
                  TransactionCodec.bodyBytes(back));
            });
  }

  @Test
  void refusesTrailingAndTruncatedBytes() {
    Transaction tx = sample(new Random(1), 1, 5, 3);
    byte[] longer = Arrays.copyOf(tx.encoded(), tx.encodedSize() + 1);
    assertEquals(CodecException.Reason.TRAILING_BYTES,
        assertThrows(CodecException.class, () -> Modules.decodeTransaction(longer)).reason());
    byte[] shorter = Arrays.copyOf(tx.encoded(), tx.encodedSize() - 1);
    assertEquals(CodecException.Reason.TRUNCATED,
        assertThrows(CodecException.class, () -> Modules.decodeTransaction(shorter)).reason());
  }

  @Test
  void refusesUnknownVersionTagAndOversize() {
    byte[] bytes = sample(new Random(2), 1, 5, 0).encoded();
    bytes[0] = 2;
    assertThrows(CodecException.class, () -> Modules.decodeTransaction(bytes));
    assertThrows(CodecException.class,
        () -> Modules.decodeTransaction(new byte[Transaction.MAX_ENCODED_BYTES + 1]));
  }

  /** Found by fuzzing: a u32 above 2^31-1 wrapped to a negative int the encoder could not write. */
  @Test
  void refusesAnIntFieldAbove2To31InsteadOfWrappingIt() {
    TxBody body = new TxBody("bcos-dev", Address.wrap(new byte[32]), 1, 10_000, 99,
        new DvsAddArea(7, 3, "north"));
    byte[] bytes = TransactionCodec.assemble(body, new byte[64]).encoded();
    int parentArea = TransactionCodec.encodeBody(body).length - 4 - 1 - "north".length();
    assertEquals(3, bytes[parentArea + 3]);
    bytes[parentArea] = (byte) 0x80; // parentArea = 2^31 + 3
    assertEquals(CodecException.Reason.INVALID_VALUE,
        assertThrows(CodecException.class, () -> Modules.decodeTransaction(bytes)).reason());
  }
}
