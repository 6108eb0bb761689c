package org.bcos.consensus;

import java.util.Objects;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * The node's validator key as the machine sees it. Ed25519 signing is deterministic (RFC 8032), so
 * signing keeps the machine a pure function of its inputs.
 *
 * <p>Every consensus signature is asked for through {@link #authorize} first: a signer backed by a
 * double-sign guard records the step durably there, and refuses (throws {@link
 * SigningRefusedException}) when it cannot record it or when it would conflict with a message
 * already signed. A refused message is never signed, counted or sent.
 */
public interface Signer {
  /** {@link #authorize} kind of a proposal; a vote's kind is {@code 1 + VoteType.ordinal()}. */
  int PROPOSAL = 0;

  Address address();

  byte[] sign(byte[] message);

  /**
   * Called before {@link #sign} for a consensus message of {@code kind} at ({@code height},
   * {@code round}) for {@code valueId} (null for a nil vote) whose signing bytes are {@code
   * signingBytes}; returns only when signing may go ahead. The default allows everything (test
   * keys, simulations without disks).
   */
  default void authorize(long height, int round, int kind, Hash valueId, byte[] signingBytes) {}

  /** The {@link #authorize} kind of a vote of {@code type}. */
  static int kindOf(VoteType type) {
    return 1 + type.ordinal();
  }

  static Signer of(Ed25519KeyPair key) {
    Objects.requireNonNull(key, "key");
    Address address = key.address();
    return new Signer() {
      @Override
      public Address address() {
        return address;
      }

      @Override
      public byte[] sign(byte[] message) {
        return key.sign(message);
      }
    };
  }
}
