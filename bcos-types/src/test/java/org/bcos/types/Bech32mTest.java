package org.bcos.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Bech32mTest {
  @Test
  void acceptsBip350VectorsWithEmptyData() {
    assertEquals("a", Bech32m.decode("a1lqfn3a").prefix());
    assertEquals("a", Bech32m.decode("A1LQFN3A").prefix());
  }

  @Test
  void refusesBech32ChecksumAndMixedCase() {
    // valid *bech32* (BIP-173) string: bech32m must refuse its checksum
    assertThrows(Bech32m.Bech32mException.class, () -> Bech32m.decode("a12uel5l"));
    assertThrows(Bech32m.Bech32mException.class, () -> Bech32m.decode("A1lqfn3a"));
  }

  @Test
  void addressRoundTripsAndReportsTypos() {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) key[i] = (byte) (i * 7);
    Address a = Address.wrap(key);
    String text = a.toString();
    assertTrue(text.startsWith("dd1"));
    assertEquals(a, Address.parse(text));
    char[] chars = text.toCharArray();
    chars[10] = chars[10] == 'q' ? 'p' : 'q';
    Bech32m.Bech32mException e =
        assertThrows(Bech32m.Bech32mException.class, () -> Address.parse(new String(chars)));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void addressRefusesWrongPrefixAndLength() {
    assertThrows(
        Bech32m.Bech32mException.class, () -> Address.parse(Bech32m.encode("bc", new byte[32])));
    assertThrows(
        Bech32m.Bech32mException.class, () -> Address.parse(Bech32m.encode("dd", new byte[20])));
    assertThrows(Bech32m.Bech32mException.class, () -> Address.parse("dd1bbbbbbbbbbb"));
  }

  @Test
  void anySingleCharacterChangeIsDetected() {
    long seed = TestSeed.of("Bech32mTest");
    Random random = new Random(seed);
    qt().forAll(integers().between(0, 100_000))
        .checkAssert(
            n -> {
              byte[] key = new byte[32];
              random.nextBytes(key);
              String text = Address.wrap(key).toString();
              int pos = 3 + random.nextInt(text.length() - 3);
              char replacement = "qpzry9x8gf2tvdw0s3jn54khce6mua7l".charAt(random.nextInt(32));
              if (replacement == text.charAt(pos)) return;
              String typo = text.substring(0, pos) + replacement + text.substring(pos + 1);
              assertThrows(Bech32m.Bech32mException.class, () -> Address.parse(typo));
              assertArrayEquals(key, Address.parse(text).toBytes());
            });
  }
}
