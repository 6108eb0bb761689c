package org.bcos.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bcos.types.TestSeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MnemonicTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String ABANDON_ABOUT =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  static Stream<Arguments> vectors() {
    return Verifiers.records("bip39-vectors.txt").stream()
        .map(r -> Arguments.of(r[0], r[1], r[2]));
  }

  @Test
  void wordListIsTheOfficialBip39EnglishFile() throws Exception {
    try (InputStream in = Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
      byte[] file = in.readAllBytes();
      assertEquals(
          "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda",
          Sha256.hash(file).toHex());
    }
    assertEquals(2048, Mnemonic.wordList().size());
  }

  @Test
  void thereAreTwentyFourOfficialVectors() {
    assertEquals(24, vectors().count());
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("vectors")
  void matchesOfficialVector(String entropyHex, String mnemonic, String seedHex) {
    if (!entropyHex.isEmpty()) {
      assertEquals(mnemonic, Mnemonic.fromEntropy(HEX.parseHex(entropyHex)));
    }
    Mnemonic.validate(mnemonic);
    assertEquals(seedHex, HEX.formatHex(Mnemonic.toSeed(mnemonic, "TREZOR")));
  }

  @Test
  void seedWithEmptyPassphraseMatchesTheWellKnownValue() {
    assertEquals(
        "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc1"
            + "9a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4",
        HEX.formatHex(Mnemonic.toSeed(ABANDON_ABOUT, "")));
  }

  @Test
  void generatedPhraseHasTwentyFourWordsAndValidates() {
    long seed = TestSeed.of("MnemonicTest");
    SecureRandom random = seededRandom(seed);
    for (int i = 0; i < 50; i++) {
      String phrase = Mnemonic.generate(random);
      assertEquals(24, phrase.split(" ").length);
      Mnemonic.validate(phrase);
    }
  }

  @Test
  void wrongWordCountIsRejected() {
    MnemonicException e =
        assertThrows(MnemonicException.class, () -> Mnemonic.validate("abandon abandon about"));
    assertTrue(e.getMessage().contains("12, 15, 18, 21 or 24 words"), e.getMessage());
    assertTrue(e.getMessage().contains("has 3"), e.getMessage());
    assertThrows(MnemonicException.class, () -> Mnemonic.validate(""));
    assertThrows(MnemonicException.class, () -> Mnemonic.validate(ABANDON_ABOUT + " about"));
  }

  @Test
  void unknownWordIsRejectedByName() {
    MnemonicException e =
        assertThrows(
            MnemonicException.class,
            () -> Mnemonic.validate(ABANDON_ABOUT.replaceFirst("abandon", "abandun")));
    assertTrue(e.getMessage().contains("\"abandun\""), e.getMessage());
    assertTrue(e.getMessage().startsWith("Word 1,"), e.getMessage());
  }

  @Test
  void badChecksumIsRejected() {
    MnemonicException e =
        assertThrows(
            MnemonicException.class,
            () -> Mnemonic.validate(ABANDON_ABOUT.replace("about", "abandon")));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertThrows(
        MnemonicException.class, () -> Mnemonic.toSeed(ABANDON_ABOUT.replace("about", "zoo"), ""));
  }

  @Test
  void inputIsNormalisedBeforeUse() {
    String messy = "  ABANDON abandon\tabandon abandon abandon abandon abandon abandon abandon"
        + "   abandon abandon About \n";
    assertArrayEquals(Mnemonic.toSeed(ABANDON_ABOUT, "x"), Mnemonic.toSeed(messy, "x"));
  }

  @Test
  void passphraseIsNormalisedNfkd() {
    // U+212B ANGSTROM SIGN and U+00C5 decompose to the same NFKD sequence.
    assertArrayEquals(
        Mnemonic.toSeed(ABANDON_ABOUT, "\u212B"), Mnemonic.toSeed(ABANDON_ABOUT, "\u00C5"));
    assertNotEquals(
        HEX.formatHex(Mnemonic.toSeed(ABANDON_ABOUT, "a")),
        HEX.formatHex(Mnemonic.toSeed(ABANDON_ABOUT, "")));
  }

  @Test
  void slip10MasterKeyMatchesTestVectorOne() {
    byte[] master = Mnemonic.slip10(HEX.parseHex("000102030405060708090a0b0c0d0e0f"));
    assertEquals(
        "2b4be7f19ee27bbf30c667b642d5f4aa69fd169872f8fc3059c08ebae2eb19e7", HEX.formatHex(master));
    assertEquals(
        "a4b2856bfec510abab89753fac1ac0e1112364e7d250545963f135f2a33188ed",
        HEX.formatHex(Ed25519KeyPair.fromSeed(master).publicKey()));
  }

  /** SLIP-0010 test vector 1 for ed25519, every hardened path it lists. */
  @Test
  void slip10HardenedChildrenMatchTestVectorOne() {
    byte[] seed = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    assertEquals("68e0fe46dfb67e368c75379acec591dad19df3cde26e63b93a8e704f1dade7a3",
        HEX.formatHex(Mnemonic.slip10(seed, 0)));
    assertEquals("b1d0bad404bf35da785a64ca1ac54b2617211d2777696fbffaf208f746ae84f2",
        HEX.formatHex(Mnemonic.slip10(seed, 0, 1)));
    assertEquals("92a5b23c0b8a99e37d07df3fb9966917f5d06e02ddbd909c7e184371463e9fc9",
        HEX.formatHex(Mnemonic.slip10(seed, 0, 1, 2)));
    assertEquals("30d1dc7e5fc04c31219ab25a27ae00b50f6fd66622f6e9c913253d6511d1e662",
        HEX.formatHex(Mnemonic.slip10(seed, 0, 1, 2, 2)));
    assertEquals("8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793",
        HEX.formatHex(Mnemonic.slip10(seed, 0, 1, 2, 2, 1_000_000_000)));
  }

  @Test
  void accountZeroIsTheMasterKeyAndAccountNTheChildAtHardenedN() {
    byte[] seed = Mnemonic.toSeed(ABANDON_ABOUT, "");
    assertEquals(Mnemonic.toKeyPair(ABANDON_ABOUT), Mnemonic.toKeyPair(ABANDON_ABOUT, 0));
    assertArrayEquals(Mnemonic.slip10(seed, 3), Mnemonic.toKeyPair(ABANDON_ABOUT, 3).seed());
    assertNotEquals(Mnemonic.toKeyPair(ABANDON_ABOUT, 1), Mnemonic.toKeyPair(ABANDON_ABOUT, 2));
    assertArrayEquals(Mnemonic.slip10(seed, Mnemonic.MAX_ACCOUNT),
        Mnemonic.toKeyPair(ABANDON_ABOUT, Mnemonic.MAX_ACCOUNT).seed());
    assertThrows(IllegalArgumentException.class, () -> Mnemonic.toKeyPair(ABANDON_ABOUT, -1));
  }

  @Test
  void keyPairIsTheSlip10MasterKeyOfTheSeedWithoutPassphrase() {
    Ed25519KeyPair key = Mnemonic.toKeyPair(ABANDON_ABOUT);
    byte[] expectedSeed = Mnemonic.slip10(Mnemonic.toSeed(ABANDON_ABOUT, ""));
    assertArrayEquals(expectedSeed, key.seed());
    assertEquals(key, Mnemonic.toKeyPair(ABANDON_ABOUT));
  }

  static SecureRandom seededRandom(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
