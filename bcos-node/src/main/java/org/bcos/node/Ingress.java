package org.bcos.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.Verdict;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * The path of a submitted transaction into the mempool: strict decode, stateless checks, expiry
 * window, signature (once, cached by hash), then mempool admission. Batches verify signatures in
 * parallel on all cores.
 */
public final class Ingress implements AutoCloseable {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.ingress");
  /** Outcome of one submission: the hash if it decoded, and the verdict. */
  public record Result(Hash hash, Verdict verdict) {}

  private final Ledger ledger;
  private final Mempool mempool;
  private final NodeHealth health;
  private final ExecutorService verifiers;
  private final int workers;
  private volatile java.util.function.Consumer<List<Hash>> admittedListener;

  /** An ingress that refuses everything while {@code health} has a blocking fault. */
  public Ingress(Ledger ledger, Mempool mempool, NodeHealth health) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.health = health;
    this.workers = Runtime.getRuntime().availableProcessors();
    this.verifiers = Executors.newFixedThreadPool(workers, DaemonThreads.named("bcos-verify"));
  }

  /** Called with the hashes of newly admitted transactions (e.g. to gossip them); one listener. */
  void onAdmitted(java.util.function.Consumer<List<Hash>> listener) {
    this.admittedListener = listener;
  }

  public Result submitHex(String hex) {
    return submitAllHex(List.of(hex)).getFirst();
  }

  /**
   * Submits many hex-encoded transactions; results are in the same order. Decoding, stateless
   * checks and signatures run in parallel on all cores; admission to the mempool is in order.
   */
  public List<Result> submitAllHex(List<String> hexes) {
    Result unhealthy = refusedWhileUnhealthy();
    if (unhealthy != null) return java.util.Collections.nCopies(hexes.size(), unhealthy);
    Object[] checked = checkParallel(hexes);
    List<Result> results = new ArrayList<>(hexes.size());
    List<Hash> admitted = new ArrayList<>();
    for (Object o : checked) {
      Result r = o instanceof Transaction tx ? admit(tx) : (Result) o;
      if (r.verdict().ok()) admitted.add(r.hash());
      results.add(r);
    }
    var listener = admittedListener;
    if (listener != null && !admitted.isEmpty()) {
      try {
        listener.accept(admitted);
      } catch (RuntimeException e) {
        LOG.warn("admission listener failed: " + e);
      }
    }
    return results;
  }

  /**
   * Runs every check {@link #submitHex} runs (health, strict decode, stateless checks, expiry,
   * signature, the module's admission check against the head state, then the mempool's: known,
   * nonce, balance with what the sender has pending, quotas, room) and adds nothing: a dry run.
   */
  public Result checkHex(String hex) {
    Result unhealthy = refusedWhileUnhealthy();
    if (unhealthy != null) return unhealthy;
    Object checked = checkParallel(List.of(hex))[0];
    if (!(checked instanceof Transaction tx)) return (Result) checked;
    if (ledger.txLocation(tx.hash()).isPresent()) return alreadyFinal(tx);
    return new Result(tx.hash(), mempool.check(tx, ledger.account(tx.sender())));
  }

  /** The refusal of every submission while the node has a blocking fault, else null. */
  private Result refusedWhileUnhealthy() {
    NodeHealth.Condition fault = health.blockingFault();
    return fault == null ? null : new Result(null, Verdict.reject(TxRejection.NODE_UNHEALTHY,
        fault.fault() + ": " + fault.detail()));
  }

  private static Result alreadyFinal(Transaction tx) {
    return new Result(tx.hash(), Verdict.reject(TxRejection.ALREADY_KNOWN, "already final"));
  }

  /** Per item: a Transaction that passed every check before admission, or a failed Result. */
  private Object[] checkParallel(List<String> hexes) {
    Object[] out = new Object[hexes.size()];
    int chunk = Math.max(32, (hexes.size() + workers - 1) / workers);
    List<Future<?>> futures = new ArrayList<>();
    for (int from = chunk; from < hexes.size(); from += chunk) {
      int start = from;
      int end = Math.min(hexes.size(), from + chunk);
      futures.add(verifiers.submit(() -> checkRange(hexes, out, start, end)));
    }
    checkRange(hexes, out, 0, Math.min(chunk, hexes.size()));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking transactions", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("checking transactions failed", e.getCause());
      }
    }
    return out;
  }

  private void checkRange(List<String> hexes, Object[] out, int start, int end) {
    for (int i = start; i < end; i++) {
      Object decoded = decode(hexes.get(i));
      if (decoded instanceof Transaction tx && !ledger.signatures().verify(tx)) {
        decoded = new Result(tx.hash(), Verdict.reject(TxRejection.BAD_SIGNATURE,
            "not signed by " + tx.sender()));
      }
      if (decoded instanceof Transaction tx && needsStateCheck(tx)) {
        Verdict state = checkAdmission(tx);
        if (!state.ok()) decoded = new Result(tx.hash(), state);
      }
      out[i] = decoded;
    }
  }

  /**
   * Whether the message's module checks it against the head state at admission (every message
   * but a plain transfer, whose nonce and balance the mempool itself checks): a fee-free message
   * costs its sender nothing, so whatever can be refused at the door must be, and a fee-paying
   * DVS or stake message learns of a wrong phase at once instead of when a block is built.
   */
  private boolean needsStateCheck(Transaction tx) {
    return ledger.processor().checksStateAtAdmission(tx);
  }

  /**
   * The ledger's admission check. It reads the live store while blocks commit, so a read can
   * straddle two heights; a handler that trips over such a read does not refuse the transaction:
   * the block-time check, on a consistent state, decides.
   */
  private Verdict checkAdmission(Transaction tx) {
    try {
      return ledger.checkAdmission(tx);
    } catch (RuntimeException e) {
      LOG.warn("admission check of " + tx.hash() + " failed, left to the block: " + e);
      return Verdict.OK;
    }
  }

  private Object decode(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      return new Result(null, Verdict.reject(TxRejection.MALFORMED_HEX, e.getMessage()));
    }
    if (bytes.length > Transaction.MAX_ENCODED_BYTES) {
      return new Result(null, Verdict.reject(TxRejection.OVERSIZED,
          bytes.length + " bytes, limit " + Transaction.MAX_ENCODED_BYTES));
    }
    if (bytes.length > 0 && (bytes[0] & 0xff) != Transaction.VERSION) {
      return new Result(null, Verdict.reject(TxRejection.UNSUPPORTED_VERSION,
          "version " + (bytes[0] & 0xff) + ", supported " + Transaction.VERSION));
    }
    Transaction tx;
    try {
      tx = org.bcos.ledger.Modules.decodeTransaction(bytes);
    } catch (CodecException e) {
      // a message tag no module registers is named as such; any other codec error is malformed
      return new Result(null, Verdict.reject(e.reason() == CodecException.Reason.UNKNOWN_TYPE
          ? TxRejection.UNKNOWN_MESSAGE_TYPE : TxRejection.MALFORMED_ENCODING, e.getMessage()));
    }
    Verdict stateless = ledger.processor().checkStateless(tx);
    if (stateless.ok()) {
      stateless = ledger.processor().checkExpiry(tx, ledger.head().height() + 1);
    }
    return stateless.ok() ? tx : new Result(tx.hash(), stateless);
  }

  private Result admit(Transaction tx) {
    if (ledger.txLocation(tx.hash()).isPresent()) return alreadyFinal(tx);
    return new Result(tx.hash(), mempool.admit(tx, () -> ledger.account(tx.sender()),
        ledger.head().height() + 1));
  }

  @Override
  public void close() {
    verifiers.shutdownNow();
  }
}
