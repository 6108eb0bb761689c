package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bcos.types.Hex;
import org.junit.jupiter.api.Test;

class NoiseHandshakeTest {
  // Cacophony vector "Noise_XX_25519_ChaChaPoly_SHA256" (mcginty/snow tests/vectors/cacophony.txt at aabed31; older copies carry a stale handshake_hash).
  private static final String PROLOGUE = "4a6f686e2047616c74";
  private static final String INIT_STATIC =
      "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
  private static final String INIT_EPHEMERAL =
      "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
  private static final String RESP_STATIC =
      "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
  private static final String RESP_EPHEMERAL =
      "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
  private static final String HANDSHAKE_HASH =
      "c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e";
  private static final String[][] MESSAGES = {
    {"4c756477696720766f6e204d69736573",
     "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c79444c756477696720766f6e204d69736573"},
    {"4d757272617920526f746862617264",
     "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f14480884381cbad1f276e038c48378ffce2b65285e08d6b68aaa3629a5a8639392490e5b9bd5269c2f1e4f488ed8831161f19b7815528f8982ffe09be9b5c412f8a0db50f8814c7194e83f23dbd8d162c9326ad"},
    {"462e20412e20486179656b",
     "c7195ffacac1307ff99046f219750fc47693e23c3cb08b89c2af808b444850a80ae475b9df0f169ae80a89be0865b57f58c9fea0d4ec82a286427402f113e4b6ae769a1d95941d49b25030"},
    {"4361726c204d656e676572", "96763ed773f8e47bb3712f0e29b3060ffc956ffc146cee53d5e1df"},
    {"4a65616e2d426170746973746520536179",
     "3e40f15f6f3a46ae446b253bf8b1d9ffb6ed9b174d272328ff91a7e2e5c79c07f5"},
    {"457567656e2042f6686d20766f6e2042617765726b",
     "eb3f3515110702e047a6c9da4478b6ead94873c11c0f2d710ddb3f09fce024b3a58502ae3f"},
  };

  private static byte[] hex(String s) {
    return Hex.decode(s);
  }

  @Test
  void protocolNameIsExactlyOneHashLong() {
    assertEquals(32, NoiseHandshake.PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII).length);
  }

  @Test
  void matchesCacophonyVectorForXx25519ChaChaPolySha256() throws Exception {
    NoiseHandshake init =
        new NoiseHandshake(
            true,
            X25519.fromPrivate(hex(INIT_STATIC)),
            hex(PROLOGUE),
            null,
            X25519.fromPrivate(hex(INIT_EPHEMERAL)));
    NoiseHandshake resp =
        new NoiseHandshake(
            false,
            X25519.fromPrivate(hex(RESP_STATIC)),
            hex(PROLOGUE),
            null,
            X25519.fromPrivate(hex(RESP_EPHEMERAL)));
    for (int i = 0; i < 3; i++) {
      NoiseHandshake writer = i % 2 == 0 ? init : resp;
      NoiseHandshake reader = i % 2 == 0 ? resp : init;
      byte[] ct = writer.writeMessage(hex(MESSAGES[i][0]));
      assertEquals(MESSAGES[i][1], Hex.encode(ct), "handshake message " + i);
      assertArrayEquals(hex(MESSAGES[i][0]), reader.readMessage(ct));
    }
    NoiseHandshake.Transport ti = init.split();
    NoiseHandshake.Transport tr = resp.split();
    // Transport messages keep alternating: responder, initiator, responder.
    for (int i = 3; i < MESSAGES.length; i++) {
      NoiseHandshake.Transport writer = i % 2 == 0 ? ti : tr;
      NoiseHandshake.Transport reader = i % 2 == 0 ? tr : ti;
      byte[] ct = writer.send().encryptWithAd(new byte[0], hex(MESSAGES[i][0]));
      assertEquals(MESSAGES[i][1], Hex.encode(ct), "transport message " + i);
      assertArrayEquals(hex(MESSAGES[i][0]), reader.receive().decryptWithAd(new byte[0], ct));
    }
    assertEquals(HANDSHAKE_HASH, Hex.encode(init.handshakeHash()));
    assertEquals(HANDSHAKE_HASH, Hex.encode(resp.handshakeHash()));
  }

  private static NoiseHandshake.Transport[] handshake() throws Exception {
    SecureRandom r = new SecureRandom();
    NoiseHandshake a = new NoiseHandshake(true, X25519.generate(r), new byte[0], r);
    NoiseHandshake b = new NoiseHandshake(false, X25519.generate(r), new byte[0], r);
    b.readMessage(a.writeMessage(new byte[0]));
    a.readMessage(b.writeMessage(new byte[] {1}));
    b.readMessage(a.writeMessage(new byte[] {2}));
    assertTrue(a.isComplete() && b.isComplete());
    assertArrayEquals(a.handshakeHash(), b.handshakeHash());
    return new NoiseHandshake.Transport[] {a.split(), b.split()};
  }

  @Test
  void bothSidesDeriveEqualKeys() throws Exception {
    NoiseHandshake.Transport[] t = handshake();
    byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(msg, t[1].receive().decryptWithAd(new byte[0], t[0].send().encryptWithAd(new byte[0], msg)));
    assertArrayEquals(msg, t[0].receive().decryptWithAd(new byte[0], t[1].send().encryptWithAd(new byte[0], msg)));
  }

  @Test
  void tamperedCiphertextFailsAndDoesNotAdvanceNonce() throws Exception {
    NoiseHandshake.Transport[] t = handshake();
    byte[] ct = t[0].send().encryptWithAd(new byte[0], new byte[] {1, 2, 3});
    byte[] bad = ct.clone();
    bad[0] ^= 1;
    assertThrows(NoiseException.class, () -> t[1].receive().decryptWithAd(new byte[0], bad));
    assertEquals(0, t[1].receive().nonce());
    assertArrayEquals(new byte[] {1, 2, 3}, t[1].receive().decryptWithAd(new byte[0], ct));
  }

  @Test
  void replayedFrameFails() throws Exception {
    NoiseHandshake.Transport[] t = handshake();
    byte[] ct = t[0].send().encryptWithAd(new byte[0], new byte[] {9});
    t[1].receive().decryptWithAd(new byte[0], ct);
    assertThrows(NoiseException.class, () -> t[1].receive().decryptWithAd(new byte[0], ct));
  }

  @Test
  void tamperedHandshakeMessageFails() throws Exception {
    SecureRandom r = new SecureRandom();
    NoiseHandshake a = new NoiseHandshake(true, X25519.generate(r), new byte[0], r);
    NoiseHandshake b = new NoiseHandshake(false, X25519.generate(r), new byte[0], r);
    b.readMessage(a.writeMessage(new byte[0]));
    byte[] m2 = b.writeMessage(new byte[0]);
    m2[40] ^= 1;
    assertThrows(NoiseException.class, () -> a.readMessage(m2));
  }

  @Test
  void differentProloguesDoNotHandshake() throws Exception {
    SecureRandom r = new SecureRandom();
    NoiseHandshake a = new NoiseHandshake(true, X25519.generate(r), new byte[] {1}, r);
    NoiseHandshake b = new NoiseHandshake(false, X25519.generate(r), new byte[] {2}, r);
    b.readMessage(a.writeMessage(new byte[0]));
    byte[] m2 = b.writeMessage(new byte[0]);
    assertThrows(NoiseException.class, () -> a.readMessage(m2));
  }
}
