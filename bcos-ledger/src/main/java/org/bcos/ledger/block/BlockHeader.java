package org.bcos.ledger.block;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Block header; its {@link #hash()} is the domain-separated SHA-256 of its encoding.
 *
 * <p>Two formats, told apart by the leading byte. Format 1 ({@code u8 1 | chainId | ...}) carries
 * no protocol version: the block runs under the chain's genesis version (every block of a chain
 * that never upgraded, byte for byte as before versions existed). Format 2 ({@code u8 2 | u32
 * protocolVersion | chainId | ...}) carries it, so the hash commits to it; a chain uses it from
 * its first upgrade's activation height on. {@link #protocolVersion()} is {@link
 * #VERSION_NOT_CARRIED} for format 1. Format 3 ({@code u8 3 | u32 protocolVersion | chainId | ...
 * | u32 txCount | lastCommitHash}), the format of every block from protocol version 3 on, also
 * commits to the previous block's commit certificate that the block carries ({@link
 * Block#lastCommit()}, docs/DESIGN.md "Formats"); {@link #lastCommitHash()} is null for formats 1
 * and 2.
 */
public record BlockHeader(
    String chainId,
    long height,
    long timeMillis,
    Hash previousHash,
    Hash txRoot,
    Hash stateRoot,
    Address proposer,
    int txCount,
    int protocolVersion,
    Hash lastCommitHash) {
  /** The format that carries no protocol version. */
  public static final int VERSION = 1;
  /** The format that carries the protocol version after the format byte. */
  public static final int FORMAT_WITH_VERSION = 2;
  /** The format that carries the protocol version and the hash of the previous block's commit. */
  public static final int FORMAT_WITH_LAST_COMMIT = 3;
  /** {@link #protocolVersion()} of a format-1 header: the genesis version is implied. */
  public static final int VERSION_NOT_CARRIED = 0;
  public static final String DOMAIN = "BCOS/block/v1";

  /** A format-1 header (no protocol version carried). */
  public BlockHeader(String chainId, long height, long timeMillis, Hash previousHash, Hash txRoot,
      Hash stateRoot, Address proposer, int txCount) {
    this(chainId, height, timeMillis, previousHash, txRoot, stateRoot, proposer, txCount,
        VERSION_NOT_CARRIED);
  }

  /** A format-1 ({@code protocolVersion} 0) or format-2 header: no last commit carried. */
  public BlockHeader(String chainId, long height, long timeMillis, Hash previousHash, Hash txRoot,
      Hash stateRoot, Address proposer, int txCount, int protocolVersion) {
    this(chainId, height, timeMillis, previousHash, txRoot, stateRoot, proposer, txCount,
        protocolVersion, null);
  }

  public BlockHeader {
    Objects.requireNonNull(chainId);
    Objects.requireNonNull(previousHash);
    Objects.requireNonNull(txRoot);
    Objects.requireNonNull(stateRoot);
    Objects.requireNonNull(proposer);
    if (height < 0 || timeMillis < 0 || txCount < 0) {
      throw new IllegalArgumentException("height, time and txCount must be non-negative");
    }
    if (protocolVersion < 0) {
      throw new IllegalArgumentException("protocol version must be positive (or not carried)");
    }
    if (lastCommitHash != null && protocolVersion == VERSION_NOT_CARRIED) {
      throw new IllegalArgumentException("a header carrying a last commit carries its version");
    }
  }

  /** Whether this header commits to a last commit the block carries (format 3). */
  public boolean carriesLastCommit() {
    return lastCommitHash != null;
  }

  /** Whether this header carries its protocol version (format 2). */
  public boolean carriesVersion() {
    return protocolVersion != VERSION_NOT_CARRIED;
  }

  public byte[] encode() {
    Encoder e = new Encoder(236);
    if (carriesLastCommit()) {
      e.u8(FORMAT_WITH_LAST_COMMIT).u32(protocolVersion);
    } else if (carriesVersion()) {
      e.u8(FORMAT_WITH_VERSION).u32(protocolVersion);
    } else {
      e.u8(VERSION);
    }
    e.string(chainId)
        .u64(height)
        .u64(timeMillis)
        .hash(previousHash)
        .hash(txRoot)
        .hash(stateRoot)
        .address(proposer)
        .u32(txCount);
    if (carriesLastCommit()) e.hash(lastCommitHash);
    return e.toByteArray();
  }

  public static BlockHeader decode(Decoder d) {
    int format = d.u8();
    int protocolVersion = VERSION_NOT_CARRIED;
    if (format == FORMAT_WITH_VERSION || format == FORMAT_WITH_LAST_COMMIT) {
      long carried = d.u32();
      // one encoding per header: a carried version is never "not carried", and fits an int
      if (carried == VERSION_NOT_CARRIED || carried > Integer.MAX_VALUE) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE,
            "block protocol version " + carried);
      }
      protocolVersion = (int) carried;
    } else if (format != VERSION) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "block format " + format);
    }
    BlockHeader header = new BlockHeader(
        d.string(32), d.u64(), d.u64(), d.hash(), d.hash(), d.hash(), d.address(), 0,
        protocolVersion);
    long txCount = d.u32();
    if (txCount > Block.MAX_TXS) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE,
          "block claims " + txCount + " transactions, limit " + Block.MAX_TXS);
    }
    Hash lastCommitHash = format == FORMAT_WITH_LAST_COMMIT ? d.hash() : null;
    return header.with((int) txCount, lastCommitHash);
  }

  private BlockHeader with(int count, Hash lastCommit) {
    return new BlockHeader(chainId, height, timeMillis, previousHash, txRoot, stateRoot, proposer,
        count, protocolVersion, lastCommit);
  }

  public Hash hash() {
    return Digests.domain(DOMAIN, encode());
  }
}
