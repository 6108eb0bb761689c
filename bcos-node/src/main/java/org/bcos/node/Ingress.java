package org.bcos.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.tx.Verdict;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * The path of a submitted transaction into the mempool: strict decode, stateless checks, expiry
 * window, signature (once, cached by hash), then mempool admission. Batches verify signatures in
 * parallel on all cores.
 */
public final class Ingress implements AutoCloseable {
  /** Outcome of one submission: the hash if it decoded, and the verdict. */
  public record Result(Hash hash, Verdict verdict) {}

  private final Ledger ledger;
  private final Mempool mempool;
  private final ExecutorService verifiers;
  private final int workers;

  public Ingress(Ledger ledger, Mempool mempool) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.workers = Runtime.getRuntime().availableProcessors();
    this.verifiers = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "bcos-verify");
      t.setDaemon(true);
      return t;
    });
  }

  public Result submitHex(String hex) {
    return submitAllHex(List.of(hex)).getFirst();
  }

  /** Submits many hex-encoded transactions; results are in the same order. */
  public List<Result> submitAllHex(List<String> hexes) {
    List<Object> decoded = new ArrayList<>(hexes.size());
    for (String hex : hexes) decoded.add(decode(hex));
    boolean[] signatureOk = verifyParallel(decoded);
    List<Result> results = new ArrayList<>(hexes.size());
    for (int i = 0; i < decoded.size(); i++) {
      if (decoded.get(i) instanceof Result failed) {
        results.add(failed);
      } else {
        results.add(admit((Transaction) decoded.get(i), signatureOk[i]));
      }
    }
    return results;
  }

  private Object decode(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      return new Result(null, Verdict.reject(Rejection.MALFORMED_HEX, e.getMessage()));
    }
    if (bytes.length > Transaction.MAX_ENCODED_BYTES) {
      return new Result(null, Verdict.reject(Rejection.OVERSIZED,
          bytes.length + " bytes, limit " + Transaction.MAX_ENCODED_BYTES));
    }
    if (bytes.length > 0 && (bytes[0] & 0xff) != Transaction.VERSION) {
      return new Result(null, Verdict.reject(Rejection.UNSUPPORTED_VERSION,
          "version " + (bytes[0] & 0xff) + ", supported " + Transaction.VERSION));
    }
    Transaction tx;
    try {
      tx = TransactionCodec.decode(bytes);
    } catch (CodecException e) {
      return new Result(null, Verdict.reject(Rejection.MALFORMED_ENCODING, e.getMessage()));
    }
    Verdict stateless = ledger.processor().checkStateless(tx);
    if (stateless.ok()) {
      stateless = ledger.processor().checkExpiry(tx, ledger.head().height() + 1);
    }
    return stateless.ok() ? tx : new Result(tx.hash(), stateless);
  }

  private boolean[] verifyParallel(List<Object> decoded) {
    boolean[] ok = new boolean[decoded.size()];
    int chunk = Math.max(64, (decoded.size() + workers - 1) / workers);
    List<Future<?>> futures = new ArrayList<>();
    for (int from = 0; from < decoded.size(); from += chunk) {
      int start = from;
      int end = Math.min(decoded.size(), from + chunk);
      Runnable task = () -> {
        for (int i = start; i < end; i++) {
          if (decoded.get(i) instanceof Transaction tx) ok[i] = ledger.signatures().verify(tx);
        }
      };
      if (end == decoded.size() && start == 0) {
        task.run();
      } else {
        futures.add(verifiers.submit(task));
      }
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while verifying signatures", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("signature verification failed", e.getCause());
      }
    }
    return ok;
  }

  private Result admit(Transaction tx, boolean signatureOk) {
    if (!signatureOk) {
      return new Result(tx.hash(), Verdict.reject(Rejection.BAD_SIGNATURE,
          "not signed by " + tx.sender()));
    }
    if (ledger.txLocation(tx.hash()).isPresent()) {
      return new Result(tx.hash(), Verdict.reject(Rejection.ALREADY_KNOWN, "already final"));
    }
    return new Result(tx.hash(), mempool.add(tx, ledger.account(tx.sender())));
  }

  @Override
  public void close() {
    verifiers.shutdownNow();
  }
}
