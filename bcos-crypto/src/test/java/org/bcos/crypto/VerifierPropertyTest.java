package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

/**
 * Random valid signatures verify on every path; one flipped bit anywhere (key, message or
 * signature) is rejected on every path. Replay with {@code -Dbcos.test.seed=<seed>}.
 */
class VerifierPropertyTest {
  private static final List<SignatureVerifier> VERIFIERS = Verifiers.all();

  private static long seed() {
    return TestSeed.of("VerifierPropertyTest");
  }

  @Test
  void randomValidSignaturesVerifyOnEveryPath() {
    qt().withFixedSeed(seed())
        .withExamples(200)
        .forAll(longs().all(), integers().between(0, 300))
        .checkAssert(
            (keySeed, messageLength) -> {
              Signed signed = Signed.random(keySeed, messageLength);
              for (SignatureVerifier verifier : VERIFIERS) {
                assertTrue(
                    verifier.verify(signed.publicKey, signed.message, signed.signature),
                    verifier.name());
              }
            });
  }

  @Test
  void oneFlippedBitIsRejectedIdenticallyOnEveryPath() {
    qt().withFixedSeed(seed())
        .withExamples(150)
        .forAll(longs().all(), integers().between(0, 64), integers().between(0, Integer.MAX_VALUE))
        .checkAssert(
            (keySeed, messageLength, flip) -> {
              Signed signed = Signed.random(keySeed, messageLength);
              int totalBits = (32 + 64 + signed.message.length) * 8;
              signed.flipBit(flip % totalBits);
              boolean reference =
                  VERIFIERS.get(0).verify(signed.publicKey, signed.message, signed.signature);
              assertFalse(reference, "ZIP-215 accepted a corrupted signature");
              for (SignatureVerifier verifier : VERIFIERS) {
                assertEquals(
                    reference,
                    verifier.verify(signed.publicKey, signed.message, signed.signature),
                    verifier.name());
              }
            });
  }

  private static final class Signed {
    final byte[] publicKey;
    final byte[] message;
    final byte[] signature;

    private Signed(byte[] publicKey, byte[] message, byte[] signature) {
      this.publicKey = publicKey;
      this.message = message;
      this.signature = signature;
    }

    static Signed random(long keySeed, int messageLength) {
      SplittableRandom random = new SplittableRandom(keySeed);
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      byte[] message = new byte[messageLength];
      random.nextBytes(message);
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
      return new Signed(key.publicKey(), message, key.sign(message));
    }

    /** Bits 0-255 are the key, then the signature's 512, then the message. */
    void flipBit(int bit) {
      byte[] target;
      int index = bit;
      if (index < 256) {
        target = publicKey;
      } else if (index < 256 + 512) {
        target = signature;
        index -= 256;
      } else {
        target = message;
        index -= 256 + 512;
      }
      target[index / 8] ^= (byte) (1 << (index % 8));
    }
  }
}
