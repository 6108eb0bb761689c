package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.junit.jupiter.api.Test;

class NodeIdentityTest {
  @Test
  void generatedIdentityMeetsItsDifficultyAndIdIsKeyHash() {
    NodeIdentity id = NodeIdentity.generate(TestNode.RANDOM, 10);
    assertTrue(id.isAdmissible(10));
    assertTrue(NodeIdentity.leadingZeroBits(NodeIdentity.powHash(id.keyPair().publicKey(), id.powNonce())) >= 10);
    assertEquals(Digests.sha256(id.keyPair().publicKey()), id.nodeId());
  }

  @Test
  void leadingZeroBitsCountsBitsNotBytes() {
    byte[] b = new byte[32];
    b[1] = 0x10;
    assertEquals(11, NodeIdentity.leadingZeroBits(Hash.wrap(b)));
    assertEquals(256, NodeIdentity.leadingZeroBits(Hash.ZERO));
  }

  @Test
  void difficultyOutOfRangeIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> NodeIdentity.isAdmissible(new byte[32], 0, 33));
    assertFalse(NodeIdentity.isAdmissible(new byte[32], -1, 0));
  }

  @Test
  void configRejectsOutOfRangeLimits() {
    assertThrows(IllegalArgumentException.class, () -> P2pConfig.builder("c").maxFrameBytes(10).build());
    assertThrows(IllegalArgumentException.class, () -> P2pConfig.builder("c").sendQueueLength(0).build());
    assertThrows(IllegalArgumentException.class, () -> P2pConfig.builder("").build());
    assertThrows(IllegalArgumentException.class, () -> P2pConfig.builder("c").powBits(40).build());
    assertEquals(4 * 1024 * 1024, P2pConfig.builder("c").build().maxFrameBytes());
  }

  @Test
  void hashListsRoundTripAndRefuseTrailingBytesOrTooMany() {
    qt().withExamples(200)
        .forAll(integers().between(0, 50))
        .checkAssert(
            n -> {
              List<Hash> hashes = new ArrayList<>();
              for (int i = 0; i < n; i++) hashes.add(Digests.sha256(new byte[] {(byte) i, n.byteValue()}));
              assertEquals(hashes, P2pMessages.decodeHashes(P2pMessages.hashes(hashes), 50));
            });
    byte[] two = P2pMessages.hashes(List.of(Hash.ZERO, Hash.ZERO));
    assertThrows(CodecException.class, () -> P2pMessages.decodeHashes(two, 1));
    byte[] trailing = java.util.Arrays.copyOf(two, two.length + 1);
    assertThrows(CodecException.class, () -> P2pMessages.decodeHashes(trailing, 10));
  }

  @Test
  void handshakePayloadRoundTripsAndVerifies() throws Exception {
    NodeIdentity id = NodeIdentity.generate(TestNode.RANDOM, 4);
    byte[] noiseKey = X25519.generate(TestNode.RANDOM).publicKey();
    HandshakePayload p = HandshakePayload.create(id, noiseKey, "chain", 26656);
    HandshakePayload back = HandshakePayload.decode(p.encode());
    assertEquals(p, back);
    back.verify(noiseKey, "chain", 4);
    PeerRefusedException e = assertThrows(PeerRefusedException.class, () -> back.verify(noiseKey, "other", 4));
    assertEquals(Penalty.WRONG_CHAIN_ID, e.reason());
  }
}
