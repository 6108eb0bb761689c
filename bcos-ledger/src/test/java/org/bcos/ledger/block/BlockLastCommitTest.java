package org.bcos.ledger.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/**
 * Header format 3 and the certificate a block carries after its transactions: they round-trip,
 * the hash commits to the certificate, formats 1 and 2 keep their bytes, and every malformed
 * encoding is refused.
 */
class BlockLastCommitTest {
  private static final Hash PREV = Digests.sha256(new byte[] {1});
  private static final Hash TX_ROOT = TxRoot.of(List.of());
  private static final Hash STATE_ROOT = Digests.sha256(new byte[] {3});
  private static final Address PROPOSER = Address.wrap(Digests.sha256(new byte[] {4}).toBytes());
  private static final byte[] SIGNATURE = new byte[64];
  private static final byte[] CERT = "a commit certificate".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private static BlockHeader header(int version, Hash lastCommitHash) {
    return new BlockHeader("bcos-test", 7, 1_700_000_000_000L, PREV, TX_ROOT, STATE_ROOT,
        PROPOSER, 0, version, lastCommitHash);
  }

  private static Block block(byte[] lastCommit) {
    return new Block(header(3, Block.lastCommitHash(lastCommit)), SIGNATURE, List.of(),
        lastCommit);
  }

  @Test
  void aFormatThreeBlockRoundTripsWithAndWithoutACertificate() {
    for (byte[] cert : List.of(CERT, new byte[0])) {
      Block b = block(cert);
      byte[] bytes = b.encode();
      assertEquals(BlockHeader.FORMAT_WITH_LAST_COMMIT, bytes[0]);
      Block back = Block.decode(bytes, Modules.STANDARD);
      assertEquals(b.header(), back.header());
      assertArrayEquals(cert, back.lastCommit());
      assertArrayEquals(bytes, back.encode());
    }
  }

  @Test
  void theHashCommitsToTheCertificate() {
    assertNotEquals(block(CERT).hash(), block(new byte[0]).hash());
    byte[] other = CERT.clone();
    other[0] ^= 1;
    assertNotEquals(block(CERT).hash(), block(other).hash());
    assertNotEquals(header(3, null).hash(), block(new byte[0]).hash(),
        "format 3 differs from format 2 of the same version");
  }

  @Test
  void formatsOneAndTwoCarryNoCertificateAndKeepTheirBytes() {
    for (int version : new int[] {BlockHeader.VERSION_NOT_CARRIED, 2}) {
      Block b = new Block(header(version, null), SIGNATURE, List.of());
      byte[] expected = new Encoder(300).fixed(header(version, null).encode()).fixed(SIGNATURE)
          .varint(0).toByteArray();
      assertArrayEquals(expected, b.encode(), "no last-commit field below format 3");
      assertThrows(IllegalArgumentException.class,
          () -> new Block(header(version, null), SIGNATURE, List.of(), CERT));
    }
  }

  @Test
  void decodeRefusesTrailingTruncatedAndOversizedCertificates() {
    byte[] good = block(CERT).encode();
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertEquals(CodecException.Reason.TRAILING_BYTES, assertThrows(CodecException.class,
        () -> Block.decode(trailing, Modules.STANDARD)).reason());
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    assertEquals(CodecException.Reason.TRUNCATED, assertThrows(CodecException.class,
        () -> Block.decode(truncated, Modules.STANDARD)).reason());
    byte[] huge = new byte[Block.MAX_LAST_COMMIT_BYTES + 1];
    byte[] oversized = new Encoder(huge.length + 400).fixed(header(3, Block.lastCommitHash(huge))
        .encode()).fixed(SIGNATURE).varint(0).bytes(huge).toByteArray();
    assertEquals(CodecException.Reason.LENGTH_TOO_LARGE, assertThrows(CodecException.class,
        () -> Block.decode(oversized, Modules.STANDARD)).reason());
    assertThrows(IllegalArgumentException.class, () -> block(huge));
  }

  @Test
  void aFormatThreeHeaderAlwaysCarriesAVersion() {
    assertThrows(IllegalArgumentException.class,
        () -> header(BlockHeader.VERSION_NOT_CARRIED, Block.lastCommitHash(CERT)));
    byte[] bytes = header(3, Block.lastCommitHash(CERT)).encode();
    bytes[1] = bytes[2] = bytes[3] = bytes[4] = 0; // u32 version 0
    CodecException e = assertThrows(CodecException.class,
        () -> BlockHeader.decode(new Decoder(bytes)));
    assertEquals(CodecException.Reason.INVALID_VALUE, e.reason());
    assertTrue(e.getMessage().contains("protocol version"));
  }
}
