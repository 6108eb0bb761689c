package org.bcos.types.tx;

import java.util.Objects;
import org.bcos.types.Address;

/** The signed part of a transaction. */
public record TxBody(
    String chainId, Address sender, long nonce, long feeUnits, long expiryHeight, Message message) {
  public TxBody {
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(message, "message");
    if (nonce < 0 || feeUnits < 0 || expiryHeight < 0) {
      throw new IllegalArgumentException("nonce, fee and expiry must be non-negative");
    }
  }
}
