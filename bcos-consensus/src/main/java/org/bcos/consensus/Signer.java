package org.bcos.consensus;

import java.util.Objects;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;

/**
 * The node's validator key as the machine sees it. Ed25519 signing is deterministic (RFC 8032), so
 * signing keeps the machine a pure function of its inputs.
 */
public interface Signer {
  Address address();

  byte[] sign(byte[] message);

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
