package org.bcos.ledger.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/**
 * The header's two formats: format 1 is byte for byte the header every block had before protocol
 * versions (so existing chains keep their hashes); format 2 carries the version, and the hash
 * commits to it.
 */
class BlockHeaderTest {
  private static final Hash PREV = Digests.sha256(new byte[] {1});
  private static final Hash TX_ROOT = Digests.sha256(new byte[] {2});
  private static final Hash STATE_ROOT = Digests.sha256(new byte[] {3});
  private static final Address PROPOSER = Address.wrap(Digests.sha256(new byte[] {4}).toBytes());

  private static BlockHeader header(int protocolVersion) {
    return new BlockHeader("bcos-test", 7, 1_700_000_000_000L, PREV, TX_ROOT, STATE_ROOT,
        PROPOSER, 0, protocolVersion);
  }

  /** The header encoding as written before protocol versions existed (the layout of DESIGN.md). */
  private static byte[] legacyEncoding() {
    return new Encoder(200).u8(1).string("bcos-test").u64(7).u64(1_700_000_000_000L).hash(PREV)
        .hash(TX_ROOT).hash(STATE_ROOT).address(PROPOSER).u32(0).toByteArray();
  }

  @Test
  void aHeaderThatCarriesNoVersionIsTheLegacyEncoding() {
    BlockHeader h = header(BlockHeader.VERSION_NOT_CARRIED);
    assertArrayEquals(legacyEncoding(), h.encode());
    assertEquals(h, new BlockHeader("bcos-test", 7, 1_700_000_000_000L, PREV, TX_ROOT,
        STATE_ROOT, PROPOSER, 0));
    assertEquals(h, BlockHeader.decode(new Decoder(legacyEncoding())));
  }

  @Test
  void aCarriedVersionRoundTripsAndIsCommittedToByTheHash() {
    BlockHeader v2 = header(2);
    byte[] bytes = v2.encode();
    assertEquals(BlockHeader.FORMAT_WITH_VERSION, bytes[0]);
    assertEquals(legacyEncoding().length + 4, bytes.length);
    assertEquals(v2, BlockHeader.decode(new Decoder(bytes)));
    assertNotEquals(header(BlockHeader.VERSION_NOT_CARRIED).hash(), v2.hash());
    assertNotEquals(header(3).hash(), v2.hash());
  }

  @Test
  void decodeRefusesAnUnknownFormatAndACarriedZeroOrOversizedVersion() {
    byte[] legacy = legacyEncoding();
    byte[] format3 = legacy.clone();
    format3[0] = 3;
    assertThrows(CodecException.class, () -> BlockHeader.decode(new Decoder(format3)));
    for (long bad : new long[] {0, 1L << 31, 0xFFFF_FFFFL}) {
      byte[] carried = new Encoder(210).u8(2).u32(bad)
          .fixed(java.util.Arrays.copyOfRange(legacy, 1, legacy.length)).toByteArray();
      assertThrows(CodecException.class, () -> BlockHeader.decode(new Decoder(carried)),
          "version " + bad);
    }
    assertThrows(IllegalArgumentException.class, () -> header(-1));
  }
}
