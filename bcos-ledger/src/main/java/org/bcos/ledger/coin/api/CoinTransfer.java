package org.bcos.ledger.coin.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** Moves {@code amountUnits} base units of DDC from the sender to {@code to}, with a short memo. */
public record CoinTransfer(Address to, long amountUnits, String memo) implements CoinMessage {
  public static final int TAG = 1;
  /** Memo limit in UTF-8 bytes. */
  public static final int MAX_MEMO_BYTES = 256;

  public CoinTransfer {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(memo, "memo");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.address(to).u64(amountUnits).string(memo);
  }

  public int memoBytes() {
    return memo.getBytes(StandardCharsets.UTF_8).length;
  }
}
