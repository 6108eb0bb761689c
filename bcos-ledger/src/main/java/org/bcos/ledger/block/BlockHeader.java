package org.bcos.ledger.block;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Block header; its {@link #hash()} is the domain-separated SHA-256 of its encoding. */
public record BlockHeader(
    String chainId,
    long height,
    long timeMillis,
    Hash previousHash,
    Hash txRoot,
    Hash stateRoot,
    Address proposer,
    int txCount) {
  public static final int VERSION = 1;
  public static final String DOMAIN = "BCOS/block/v1";

  public BlockHeader {
    Objects.requireNonNull(chainId);
    Objects.requireNonNull(previousHash);
    Objects.requireNonNull(txRoot);
    Objects.requireNonNull(stateRoot);
    Objects.requireNonNull(proposer);
    if (height < 0 || timeMillis < 0 || txCount < 0) {
      throw new IllegalArgumentException("height, time and txCount must be non-negative");
    }
  }

  public byte[] encode() {
    return new Encoder(200)
        .u8(VERSION)
        .string(chainId)
        .u64(height)
        .u64(timeMillis)
        .hash(previousHash)
        .hash(txRoot)
        .hash(stateRoot)
        .address(proposer)
        .u32(txCount)
        .toByteArray();
  }

  public static BlockHeader decode(Decoder d) {
    int version = d.u8();
    if (version != VERSION) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "block version " + version);
    }
    BlockHeader header = new BlockHeader(
        d.string(32), d.u64(), d.u64(), d.hash(), d.hash(), d.hash(), d.address(), 0);
    long txCount = d.u32();
    if (txCount > Block.MAX_TXS) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE,
          "block claims " + txCount + " transactions, limit " + Block.MAX_TXS);
    }
    return header.withTxCount((int) txCount);
  }

  BlockHeader withTxCount(int count) {
    return new BlockHeader(chainId, height, timeMillis, previousHash, txRoot, stateRoot, proposer,
        count);
  }

  public Hash hash() {
    return Digests.domain(DOMAIN, encode());
  }
}
