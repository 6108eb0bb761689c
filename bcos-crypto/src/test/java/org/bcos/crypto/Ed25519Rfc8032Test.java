package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519Rfc8032Test {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<Arguments> vectors() {
    return Verifiers.records("rfc8032-ed25519.txt").stream()
        .map(
            r ->
                Arguments.of(
                    r[0], HEX.parseHex(r[1]), HEX.parseHex(r[2]), HEX.parseHex(r[3]),
                    HEX.parseHex(r[4])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void keyDerivationAndSigningMatchRfc8032(
      String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
    assertArrayEquals(publicKey, key.publicKey());
    assertArrayEquals(signature, key.sign(message));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyVerifierAcceptsRfc8032Signatures(
      String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertTrue(verifier.verify(publicKey, message, signature), verifier.name());
    }
    assertTrue(Ed25519.verify(publicKey, message, signature));
  }

  /** The fast paths must accept ordinary signatures themselves, not via the slow fallback. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void fastPathsAcceptRfc8032SignaturesWithoutFallback(
      String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    assertTrue(new BouncyCastleVerifier().fastAccepts(publicKey, message, signature));
    SodiumVerifier.load()
        .ifPresent(sodium -> assertTrue(sodium.fastAccepts(publicKey, message, signature)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everyVerifierRejectsAnotherMessage(
      String name, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {
    byte[] other = new byte[message.length + 1];
    System.arraycopy(message, 0, other, 0, message.length);
    for (SignatureVerifier verifier : Verifiers.all()) {
      assertFalse(verifier.verify(publicKey, other, signature), verifier.name());
    }
  }
}
