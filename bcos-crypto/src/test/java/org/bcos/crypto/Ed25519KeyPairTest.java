package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.bcos.types.Address;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;

class Ed25519KeyPairTest {

  @Test
  void arraysAreCopiedInAndOut() {
    byte[] seed = new byte[32];
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
    byte[] publicKey = key.publicKey();
    seed[0] = 1;
    key.seed()[0] = 1;
    key.publicKey()[0] ^= 1;
    assertArrayEquals(new byte[32], key.seed());
    assertArrayEquals(publicKey, key.publicKey());
  }

  @Test
  void constructorRejectsWrongLengthsAndForeignPublicKeys() {
    byte[] seed = new byte[32];
    byte[] publicKey = Ed25519KeyPair.fromSeed(seed).publicKey();
    assertThrows(IllegalArgumentException.class, () -> new Ed25519KeyPair(new byte[31], publicKey));
    assertThrows(IllegalArgumentException.class, () -> new Ed25519KeyPair(seed, new byte[33]));
    byte[] otherSeed = new byte[32];
    otherSeed[0] = 1;
    assertThrows(IllegalArgumentException.class, () -> new Ed25519KeyPair(otherSeed, publicKey));
    assertThrows(IllegalArgumentException.class, () -> Ed25519KeyPair.fromSeed(new byte[16]));
  }

  @Test
  void addressIsThePublicKeyAndToStringHidesTheSeed() {
    Ed25519KeyPair key =
        Ed25519KeyPair.fromSeed(
            HexFormat.of()
                .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertEquals(Address.wrap(key.publicKey()), key.address());
    assertTrue(key.toString().contains(key.address().toString()));
    assertFalse(key.toString().toLowerCase().contains("9d61b19d"));
  }

  @Test
  void generatedKeysSignAndVerify() {
    long seed = TestSeed.of("Ed25519KeyPairTest");
    Ed25519KeyPair key = Ed25519KeyPair.generate(MnemonicTest.seededRandom(seed));
    byte[] message = "pay 5 DDC".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertTrue(Ed25519.verify(key.publicKey(), message, key.sign(message)));
    assertEquals(key, Ed25519KeyPair.fromSeed(key.seed()));
  }
}
