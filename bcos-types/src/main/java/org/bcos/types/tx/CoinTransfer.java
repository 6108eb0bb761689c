package org.bcos.types.tx;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bcos.types.Address;

/** Moves {@code amountUnits} base units of DDC from the sender to {@code to}, with a short memo. */
public record CoinTransfer(Address to, long amountUnits, String memo) implements Message {
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

  public int memoBytes() {
    return memo.getBytes(StandardCharsets.UTF_8).length;
  }
}
