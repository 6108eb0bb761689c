package org.bcos.p2p;

import java.security.SecureRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Digests;
import org.bcos.types.Hash;

/**
 * A node's identity: an Ed25519 key pair plus a proof-of-work nonce (S/Kademlia-style identity
 * puzzle). The node id is SHA-256 of the public key. The identity is admissible at difficulty D
 * when {@code Digests.domain("BCOS/node-id-pow/v1", publicKey, u64be(nonce))} has at least D
 * leading zero bits, so minting many node ids costs work.
 */
public record NodeIdentity(Ed25519KeyPair keyPair, long powNonce) {
  /** Domain tag of the identity puzzle hash. */
  public static final String POW_DOMAIN = "BCOS/node-id-pow/v1";

  /** Highest difficulty accepted anywhere (keeps generation bounded). */
  public static final int MAX_POW_BITS = 32;

  public NodeIdentity {
    if (keyPair == null) throw new IllegalArgumentException("a node identity needs a key pair");
    if (powNonce < 0) throw new IllegalArgumentException("the PoW nonce is a u63, got " + powNonce);
  }

  /** Searches a fresh key and nonce meeting {@code bits} of difficulty. */
  public static NodeIdentity generate(SecureRandom random, int bits) {
    checkBits(bits);
    // Expected 2^bits tries; after 2^(bits+6) a new key is cheaper than an unlucky nonce run.
    long triesPerKey = 1L << Math.min(bits + 6, 62);
    while (true) {
      Ed25519KeyPair keys = Ed25519KeyPair.generate(random);
      byte[] publicKey = keys.publicKey();
      for (long nonce = 0; nonce < triesPerKey; nonce++) {
        if (leadingZeroBits(powHash(publicKey, nonce)) >= bits) return new NodeIdentity(keys, nonce);
      }
    }
  }

  /** The node id: SHA-256 of the Ed25519 public key. */
  public Hash nodeId() {
    return nodeIdOf(keyPair.publicKey());
  }

  public static Hash nodeIdOf(byte[] publicKey) {
    return Digests.sha256(publicKey);
  }

  /** The puzzle hash of a public key and nonce. */
  public static Hash powHash(byte[] publicKey, long nonce) {
    byte[] n = new byte[8];
    for (int i = 0; i < 8; i++) n[i] = (byte) (nonce >>> (56 - 8 * i));
    return Digests.domain(POW_DOMAIN, publicKey, n);
  }

  /** True when {@code publicKey} with {@code nonce} meets {@code bits} of difficulty. */
  public static boolean isAdmissible(byte[] publicKey, long nonce, int bits) {
    checkBits(bits);
    return nonce >= 0 && leadingZeroBits(powHash(publicKey, nonce)) >= bits;
  }

  public boolean isAdmissible(int bits) {
    return isAdmissible(keyPair.publicKey(), powNonce, bits);
  }

  static int leadingZeroBits(Hash hash) {
    int zeros = 0;
    for (int i = 0; i < Hash.LENGTH; i++) {
      int b = hash.byteAt(i);
      if (b != 0) return zeros + Integer.numberOfLeadingZeros(b) - 24;
      zeros += 8;
    }
    return zeros;
  }

  private static void checkBits(int bits) {
    if (bits < 0 || bits > MAX_POW_BITS) {
      throw new IllegalArgumentException("PoW bits must be 0.." + MAX_POW_BITS + ", got " + bits);
    }
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + nodeId() + "]";
  }
}
