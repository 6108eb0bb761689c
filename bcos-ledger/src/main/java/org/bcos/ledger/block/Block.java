package org.bcos.ledger.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.MessageCodec;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * A block: header, the proposer's Ed25519 signature over the header hash, the transactions, and
 * (header format 3, protocol version 3 on) the previous block's commit certificate. Encoding:
 * header | signature (64) | varint count | each transaction length-prefixed | [format 3: bytes
 * lastCommit (varint length, at most {@link #MAX_LAST_COMMIT_BYTES}; empty at height 1)].
 *
 * <p>The last commit is the consensus layer's certificate (opaque here; the ledger checks it
 * through {@link CommitCheck}); the header commits to it by {@link #lastCommitHash}, so the block
 * hash, which the proposer signs and the next block links to, fixes which signers the block
 * reports, and state that depends on them (downtime) is the same on every node.
 */
public record Block(BlockHeader header, byte[] signature, List<Transaction> transactions,
    byte[] lastCommit) {
  public static final int MAX_TXS = 100_000;
  /**
   * Bound on a carried certificate: 1,000 signers (the stake module's largest set) of 96 bytes
   * (address and signature) and its fixed fields fit; the check bounds the signers by the set.
   */
  public static final int MAX_LAST_COMMIT_BYTES = 100_000;
  public static final String LAST_COMMIT_DOMAIN = "BCOS/last-commit/v1";

  public Block {
    Objects.requireNonNull(header);
    signature = signature.clone();
    transactions = List.copyOf(transactions);
    lastCommit = lastCommit.clone();
    if (signature.length != 64) throw new IllegalArgumentException("block signature is 64 bytes");
    if (transactions.size() != header.txCount()) {
      throw new IllegalArgumentException("txCount does not match transactions");
    }
    if (!header.carriesLastCommit() && lastCommit.length > 0) {
      throw new IllegalArgumentException("a block of header format 1 or 2 carries no last commit");
    }
    if (lastCommit.length > MAX_LAST_COMMIT_BYTES) {
      throw new IllegalArgumentException("last commit over " + MAX_LAST_COMMIT_BYTES + " bytes");
    }
  }

  /** A block that carries no last commit (header formats 1 and 2). */
  public Block(BlockHeader header, byte[] signature, List<Transaction> transactions) {
    this(header, signature, transactions, new byte[0]);
  }

  /** The hash a format-3 header commits to for {@code lastCommit}. */
  public static Hash lastCommitHash(byte[] lastCommit) {
    return org.bcos.types.Digests.domain(LAST_COMMIT_DOMAIN, lastCommit);
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The previous block's commit certificate (empty when none is carried). */
  @Override
  public byte[] lastCommit() {
    return lastCommit.clone();
  }

  public Hash hash() {
    return header.hash();
  }

  public long height() {
    return header.height();
  }

  public byte[] encode() {
    Encoder e = new Encoder(256 + transactions.size() * 200);
    e.fixed(header.encode()).fixed(signature).varint(transactions.size());
    for (Transaction tx : transactions) {
      e.bytes(tx.encoded());
    }
    if (header.carriesLastCommit()) e.bytes(lastCommit);
    return e.toByteArray();
  }

  /** Strict decoding; throws {@link CodecException} on any deviation from the canonical form. */
  public static Block decode(byte[] bytes, MessageCodec messages) {
    Decoder d = new Decoder(bytes);
    BlockHeader header = BlockHeader.decode(d);
    byte[] signature = d.fixed(64);
    int count = (int) d.varint(MAX_TXS);
    // the count is the sender's claim: size the list by the bytes that are really there
    List<Transaction> txs = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) {
      txs.add(TransactionCodec.decode(d.bytes(Transaction.MAX_ENCODED_BYTES), messages));
    }
    byte[] lastCommit = header.carriesLastCommit() ? d.bytes(MAX_LAST_COMMIT_BYTES) : new byte[0];
    d.finish();
    if (count != header.txCount()) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "txCount mismatch");
    }
    return new Block(header, signature, txs, lastCommit);
  }
}
