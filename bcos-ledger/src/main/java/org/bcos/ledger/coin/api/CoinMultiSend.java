package org.bcos.ledger.coin.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Transaction;

/**
 * Pays several recipients from the sender in one transaction, all or nothing (protocol version
 * {@link #SINCE_VERSION}, "batch-payments"). Wire: {@code varint n | n × (address to | u64
 * amount) | string memo}.
 */
public record CoinMultiSend(List<Output> outputs, String memo) implements CoinMessage {
  public static final int TAG = 2;
  /** The protocol version that brings the message (docs/GOVERNANCE.md "Upgrades"). */
  public static final int SINCE_VERSION = 5;
  /** Bytes of one output on the wire: address and u64 amount. */
  public static final int OUTPUT_BYTES = Address.LENGTH + 8;
  /**
   * The most outputs any multi-send may have: 40 fit in a transaction of {@link
   * Transaction#MAX_ENCODED_BYTES} whatever its chain id and memo (the envelope with the longest
   * chain id, signature and stamp is 163 bytes, a 256-byte memo 258). The governed limit, {@code
   * maxMultiSendOutputs}, is at most this.
   */
  public static final int MAX_OUTPUTS = 40;
  /** Decoding bound: more outputs than this cannot fit in a transaction at all. */
  public static final int MAX_WIRE_OUTPUTS = Transaction.MAX_ENCODED_BYTES / OUTPUT_BYTES;

  /** One payment of a multi-send: {@code amountUnits} base units of DDC to {@code to}. */
  public record Output(Address to, long amountUnits) {
    public Output {
      Objects.requireNonNull(to, "to");
    }
  }

  public CoinMultiSend {
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(memo, "memo");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.varint(outputs.size());
    for (Output o : outputs) e.address(o.to()).u64(o.amountUnits());
    e.string(memo);
  }

  public int memoBytes() {
    return memo.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The sum of the amounts; throws {@link ArithmeticException} when it overflows. */
  public long totalUnits() {
    long total = 0;
    for (Output o : outputs) total = Math.addExact(total, o.amountUnits());
    return total;
  }
}
