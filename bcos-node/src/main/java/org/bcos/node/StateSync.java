package org.bcos.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.p2p.Peer;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;

/**
 * Starts a fresh node from a peer's state snapshot instead of replaying every block (state sync,
 * with a trust anchor as in Cosmos: the operator names a height and the hash of its block, taken
 * from a source they trust). Chunks are fetched one at a time from one peer; the block must have
 * the trusted hash, and the complete state must reproduce its state root and hold exactly the
 * supply ({@link Ledger#restoreSnapshot}), so a peer cannot slip in anything else. A peer without
 * the snapshot, or silent for {@value #STALL_MILLIS} ms, is left for another; one whose state does
 * not match is reported bad. Network worker thread only.
 */
final class StateSync {
  static final long STALL_MILLIS = 5_000;

  /** What a received chunk led to. */
  enum Outcome {
    IGNORED,
    PROGRESS,
    RESTORED,
    /** The peer's snapshot does not match its block: it lied. */
    BAD_SNAPSHOT
  }

  private final Ledger ledger;
  private final long height;
  private final Hash trustedHash;
  private final Set<Hash> skipped = new HashSet<>();
  private Peer source;
  private long lastProgressMillis;
  private int next;
  private int chunks;
  private Block block;
  private byte[] blockBytes;
  private byte[] certificate;
  private final List<Ledger.StateEntry> entries = new ArrayList<>();
  private boolean done;
  private long retryAllAtMillis;
  private String lastProblem = "no peer answered yet";

  StateSync(Ledger ledger, long height, Hash trustedHash) {
    this.ledger = ledger;
    this.height = height;
    this.trustedHash = trustedHash;
  }

  boolean active() {
    return !done;
  }

  long height() {
    return height;
  }

  /** Why the last attempt did not finish (for logs and status). */
  String lastProblem() {
    return lastProblem;
  }

  /**
   * Called periodically: (re)starts from a peer when there is none or the current one stalled.
   * Returns the peer to ask and the chunk index, if a request is due.
   */
  Optional<Request> tick(List<Peer> peers, long nowMillis) {
    if (done || peers.isEmpty()) return Optional.empty();
    if (source != null && nowMillis - lastProgressMillis < STALL_MILLIS) return Optional.empty();
    if (source != null) {
      lastProblem = "peer " + source + " stalled";
      skipped.add(source.nodeId());
    }
    List<Peer> candidates = peers.stream().filter(p -> !skipped.contains(p.nodeId())).toList();
    if (candidates.isEmpty()) {
      // every peer was tried: wait a while (a snapshot may appear, or new peers), then retry all
      if (nowMillis < retryAllAtMillis) return Optional.empty();
      if (retryAllAtMillis == 0) {
        retryAllAtMillis = nowMillis + STALL_MILLIS;
        return Optional.empty();
      }
      retryAllAtMillis = 0;
      skipped.clear();
      candidates = peers;
    }
    reset();
    source = candidates.get(ThreadLocalRandom.current().nextInt(candidates.size()));
    lastProgressMillis = nowMillis;
    return Optional.of(new Request(source, height, 0));
  }

  /** A chunk request to send. */
  record Request(Peer to, long height, int index) {}

  /**
   * Handles a chunk from {@code from}; returns what happened and, for progress, the next
   * request.
   */
  Outcome onChunk(Peer from, StateSnapshots.Chunk c, long nowMillis, List<Request> nextRequest) {
    if (done || from != source || c.height() != height || c.index() != next) {
      return Outcome.IGNORED;
    }
    if (c.chunks() == 0) {
      lastProblem = "peer " + from + " has no snapshot at height " + height;
      giveUp(from);
      return Outcome.IGNORED;
    }
    try {
      if (c.index() == 0) {
        Block b = Block.decode(c.block(), ledger.modules());
        if (b.height() != height || !b.hash().equals(trustedHash)) {
          lastProblem = "peer " + from + " offers block " + b.hash().toHex() + " at height "
              + b.height() + ", not the trusted " + trustedHash.toHex();
          giveUp(from);
          return Outcome.IGNORED;
        }
        block = b;
        blockBytes = c.block();
        certificate = c.certificate();
        chunks = c.chunks();
      } else if (chunks != c.chunks() || !java.util.Arrays.equals(blockBytes, c.block())) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE, "chunk of another snapshot");
      }
      entries.addAll(StateSnapshots.entries(c.payload()));
    } catch (CodecException | IllegalArgumentException e) {
      lastProblem = "peer " + from + " sent a bad chunk: " + e.getMessage();
      giveUp(from);
      return Outcome.BAD_SNAPSHOT;
    }
    next++;
    lastProgressMillis = nowMillis;
    if (next < chunks) {
      nextRequest.add(new Request(from, height, next));
      return Outcome.PROGRESS;
    }
    try {
      ledger.restoreSnapshot(block, certificate, entries);
    } catch (Ledger.InvalidBlockException e) {
      lastProblem = "peer " + from + " sent a snapshot that does not match: " + e.getMessage();
      giveUp(from);
      return Outcome.BAD_SNAPSHOT;
    }
    done = true;
    entries.clear();
    return Outcome.RESTORED;
  }

  int entriesSoFar() {
    return entries.size();
  }

  int chunksExpected() {
    return chunks;
  }

  private void giveUp(Peer peer) {
    skipped.add(peer.nodeId());
    source = null;
    reset();
  }

  private void reset() {
    next = 0;
    chunks = 0;
    block = null;
    blockBytes = null;
    certificate = null;
    entries.clear();
  }
}
