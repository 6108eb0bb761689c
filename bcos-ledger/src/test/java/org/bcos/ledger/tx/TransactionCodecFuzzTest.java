package org.bcos.ledger.tx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.codec.FuzzContract;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * Coverage-guided fuzz targets for transactions as they arrive from RPC clients and peers. In a
 * normal build they replay the seed corpus in {@code TransactionCodecFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} (scripts/fuzz.sh) they fuzz.
 */
class TransactionCodecFuzzTest {
  private static final List<Class<? extends Exception>> REFUSALS = List.of(CodecException.class);

  @FuzzTest(maxDuration = "10s")
  void transaction(byte[] input) throws Exception {
    Transaction tx = FuzzContract.decode(input.length, REFUSALS, () -> Modules.decodeTransaction(input));
    if (tx == null) return;
    FuzzContract.assertRoundTrip(
        input, TransactionCodec.assemble(tx.body(), tx.signature(), tx.powStamp()).encoded());
  }

  /** The messages alone (first byte: the message tag), so the fuzzer need not find a header. */
  @FuzzTest(maxDuration = "10s")
  void message(byte[] input) throws Exception {
    if (input.length == 0) return;
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    Message m = FuzzContract.decode(input.length, REFUSALS, () -> {
      Decoder d = new Decoder(body);
      Message decoded = Modules.STANDARD.decode(input[0] & 0xff, d);
      d.finish();
      return decoded;
    });
    if (m == null) return;
    Encoder e = new Encoder().u8(m.tag());
    m.encodeFields(e);
    FuzzContract.assertRoundTrip(input, e.toByteArray());
  }
}
