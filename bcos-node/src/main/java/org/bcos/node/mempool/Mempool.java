package org.bcos.node.mempool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * Pending transactions that passed stateless and signature checks. Per-sender nonce order; limits
 * on count, bytes and per-sender count; when full, the lowest-fee transaction (and that sender's
 * later ones) is evicted for a higher-fee newcomer. Blocks take, per sender, only the run of
 * consecutive nonces starting at the account's next nonce, highest fee first. Thread-safe.
 */
public final class Mempool {
  private record Entry(Transaction tx, long seq, long cost, boolean feeFree, long admittedAt) {}

  private static final class SenderQueue {
    final TreeMap<Long, Entry> byNonce = new TreeMap<>();
    long pendingCost;
    int feeFree;
  }

  private static final Comparator<Entry> EVICTION_ORDER =
      Comparator.comparingLong((Entry e) -> e.tx().fee()).thenComparing(
          Comparator.comparingLong(Entry::seq).reversed());

  private final MempoolLimits limits;
  private final java.util.function.IntSupplier maxNonceGap;
  private final Map<Address, SenderQueue> senders = new HashMap<>();
  private final Map<Hash, Entry> byHash = new HashMap<>();
  private final TreeSet<Entry> byFee = new TreeSet<>(EVICTION_ORDER);
  private long bytes;
  private long seq;
  private int feeFree;
  // fee-free entries in admission order, for their short time to live
  private final java.util.ArrayDeque<Entry> feeFreeByAge = new java.util.ArrayDeque<>();
  private final Map<Hash, Verdict> dropped = new java.util.LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Hash, Verdict> eldest) {
      return size() > 10_000;
    }
  };

  public Mempool(MempoolLimits limits, int maxNonceGap) {
    this(limits, () -> maxNonceGap);
  }

  /** A pool whose nonce-gap limit is the chain parameter's current value. */
  public Mempool(MempoolLimits limits, java.util.function.IntSupplier maxNonceGap) {
    this.limits = limits;
    this.maxNonceGap = maxNonceGap;
  }

  /**
   * Admits a transaction whose stateless checks and signature passed. {@code account} is the
   * sender's committed state (empty if unknown).
   */
  public synchronized Verdict add(Transaction tx, Optional<Account> account) {
    return add(tx, account, 0);
  }

  /** As {@link #admit}, with the sender's committed state already read. */
  public synchronized Verdict add(Transaction tx, Optional<Account> account, long nextHeight) {
    return admit(tx, () -> account, nextHeight);
  }

  /**
   * Admits a transaction whose stateless, signature and state checks passed, at a time when the
   * next block is {@code nextHeight} (a fee-free one leaves {@link
   * MempoolLimits#feeFreeTtlBlocks()} later). {@code account} reads the sender's committed state;
   * it is read under the pool's lock, so a block committed meanwhile is either seen (the nonce is
   * too low) or followed by its {@link #removeFinal}, which drops whatever now holds that nonce: a
   * transaction at a used nonce never sits in the pool until it expires.
   */
  public synchronized Verdict admit(Transaction tx, Supplier<Optional<Account>> committed,
      long nextHeight) {
    Admission admission = assess(tx, committed.get());
    if (!admission.verdict().ok()) return admission.verdict();
    for (Entry victim : admission.victims()) {
      removeFrom(victim.tx().sender(), victim.tx().nonce(), true);
    }
    // eviction may have emptied (and unlinked) this sender's queue, so it is looked up only now
    SenderQueue queue = senders.computeIfAbsent(tx.sender(), a -> new SenderQueue());
    boolean free = Modules.isFeeFree(tx);
    Entry entry = new Entry(tx, seq++, Modules.maxCost(tx), free, nextHeight);
    queue.byNonce.put(tx.nonce(), entry);
    queue.pendingCost = Math.addExact(queue.pendingCost, entry.cost());
    byHash.put(tx.hash(), entry);
    byFee.add(entry);
    bytes += tx.encodedSize();
    if (free) {
      queue.feeFree++;
      feeFree++;
      if (feeFreeByAge.size() > 2 * limits.maxFeeFreeTxs() + 64) {
        feeFreeByAge.removeIf(e -> byHash.get(e.tx().hash()) != e); // those already gone
      }
      feeFreeByAge.addLast(entry);
    }
    return Verdict.OK;
  }

  /**
   * What {@link #admit} would answer now, changing nothing: the same checks (known, sender,
   * nonce, quotas, balance with the sender's pending cost, room) without adding the transaction
   * or evicting another. For a dry run ({@code bcos_checkRawTransaction}).
   */
  public synchronized Verdict check(Transaction tx, Optional<Account> committed) {
    return assess(tx, committed).verdict();
  }

  /** The verdict on {@code tx} and, if it is admissible, whom it would evict to fit. */
  private record Admission(Verdict verdict, List<Entry> victims) {
    static Admission refused(Verdict verdict) {
      return new Admission(verdict, List.of());
    }
  }

  /** Every admission check, reading the pool only: the sender's queue is not created here. */
  private Admission assess(Transaction tx, Optional<Account> account) {
    if (byHash.containsKey(tx.hash())) {
      return Admission.refused(Verdict.reject(TxRejection.ALREADY_KNOWN, "pending"));
    }
    if (account.isEmpty() && !Modules.isFeeFree(tx)) {
      return Admission.refused(Verdict.reject(TxRejection.UNKNOWN_SENDER,
          tx.sender().toString()));
    }
    Account acct = account.orElse(Account.EMPTY);
    if (tx.nonce() < acct.nonce()) {
      return Admission.refused(Verdict.reject(TxRejection.NONCE_TOO_LOW, "next nonce is "
          + acct.nonce()));
    }
    int gap = maxNonceGap.getAsInt();
    if (tx.nonce() - acct.nonce() > gap) {
      return Admission.refused(Verdict.reject(TxRejection.NONCE_GAP_TOO_LARGE,
          "next nonce is " + acct.nonce() + ", at most " + gap + " ahead"));
    }
    SenderQueue queue = senders.getOrDefault(tx.sender(), new SenderQueue());
    Verdict verdict = Modules.isFeeFree(tx) ? checkFeeFreeQuota(queue) : Verdict.OK;
    if (verdict.ok()) verdict = checkSenderQueue(tx, acct, queue);
    if (!verdict.ok()) return Admission.refused(verdict);
    List<Entry> victims = victimsToFit(tx);
    return victims != null ? new Admission(Verdict.OK, victims)
        : Admission.refused(Verdict.reject(TxRejection.MEMPOOL_FULL,
            byHash.size() + " transactions, " + bytes + " bytes pending"));
  }

  private Verdict checkFeeFreeQuota(SenderQueue queue) {
    if (queue.feeFree >= limits.maxFeeFreePerSender()) {
      return Verdict.reject(TxRejection.FEE_FREE_QUOTA_FULL, "this sender has " + queue.feeFree
          + " fee-free transactions pending, limit " + limits.maxFeeFreePerSender());
    }
    if (feeFree >= limits.maxFeeFreeTxs()) {
      return Verdict.reject(TxRejection.FEE_FREE_QUOTA_FULL, feeFree
          + " fee-free transactions pending, limit " + limits.maxFeeFreeTxs());
    }
    return Verdict.OK;
  }

  private Verdict checkSenderQueue(Transaction tx, Account acct, SenderQueue queue) {
    if (queue.byNonce.containsKey(tx.nonce())) {
      return Verdict.reject(TxRejection.ALREADY_KNOWN, "nonce " + tx.nonce() + " already pending");
    }
    if (queue.byNonce.size() >= limits.maxPerSender()) {
      return Verdict.reject(TxRejection.SENDER_QUEUE_FULL, "limit " + limits.maxPerSender());
    }
    long cost = Modules.maxCost(tx);
    // entries below the account's nonce are already final (the block producer removes them just
    // after the commit): their cost is in the balance already, so it must not count twice
    long stale = 0;
    for (Entry e : queue.byNonce.headMap(acct.nonce()).values()) stale += e.cost();
    long available = acct.balanceUnits() - (queue.pendingCost - stale);
    if (available < cost) {
      return Verdict.reject(TxRejection.INSUFFICIENT_BALANCE, "needs " + Amount.format(cost)
          + " DDC (amount plus fee), has " + Amount.format(acct.balanceUnits()) + " DDC of which "
          + Amount.format(queue.pendingCost) + " DDC are spent by pending transactions");
    }
    return Verdict.OK;
  }

  /**
   * The lowest-fee transactions (each with its sender's later nonces) to evict so that {@code tx}
   * fits, or null if that would take one paying as much as {@code tx} or more: the victims are
   * chosen before any is evicted, so a refused newcomer evicts nothing.
   */
  private List<Entry> victimsToFit(Transaction tx) {
    List<Entry> victims = new ArrayList<>();
    Set<Entry> doomed = new HashSet<>();
    int count = byHash.size();
    long used = bytes;
    Iterator<Entry> lowestFirst = byFee.iterator();
    while (count >= limits.maxTxs() || used + tx.encodedSize() > limits.maxBytes()) {
      Entry lowest = null;
      while (lowestFirst.hasNext() && lowest == null) {
        Entry e = lowestFirst.next();
        if (!doomed.contains(e)) lowest = e;
      }
      if (lowest == null || lowest.tx().fee() >= tx.fee()) return null;
      victims.add(lowest);
      SenderQueue queue = senders.get(lowest.tx().sender());
      for (Entry e : queue.byNonce.tailMap(lowest.tx().nonce(), true).values()) {
        if (doomed.add(e)) {
          count--;
          used -= e.tx().encodedSize();
        }
      }
    }
    return victims;
  }

  /** Removes the entry at {@code nonce} and, if {@code andLater}, every later nonce. */
  private void removeFrom(Address sender, long nonce, boolean andLater) {
    SenderQueue queue = senders.get(sender);
    if (queue == null) return;
    var doomed = andLater ? queue.byNonce.tailMap(nonce, true) : queue.byNonce.subMap(nonce, true,
        nonce, true);
    for (Entry e : new ArrayList<>(doomed.values())) {
      byHash.remove(e.tx().hash());
      byFee.remove(e);
      bytes -= e.tx().encodedSize();
      queue.pendingCost -= e.cost();
      if (e.feeFree()) {
        queue.feeFree--;
        feeFree--;
      } // feeFreeByAge drops it lazily (dropExpired), it is no longer in byHash
    }
    doomed.clear();
    if (queue.byNonce.isEmpty()) senders.remove(sender);
  }

  /**
   * Up to {@code max} executable transactions: for each sender the consecutive nonces from its
   * next nonce, merged highest fee first (ties: earliest arrival).
   */
  public synchronized List<Transaction> candidates(int max, Function<Address, Long> nextNonce) {
    PriorityQueue<Entry> ready = new PriorityQueue<>(EVICTION_ORDER.reversed());
    for (Map.Entry<Address, SenderQueue> s : senders.entrySet()) {
      Entry first = s.getValue().byNonce.get(nextNonce.apply(s.getKey()));
      if (first != null) ready.add(first);
    }
    List<Transaction> out = new ArrayList<>(Math.min(max, byHash.size()));
    while (!ready.isEmpty() && out.size() < max) {
      Entry e = ready.poll();
      out.add(e.tx());
      Entry next = senders.get(e.tx().sender()).byNonce.get(e.tx().nonce() + 1);
      if (next != null) ready.add(next);
    }
    return out;
  }

  /** Drops transactions that are now final, and any a sender can no longer use. */
  public synchronized void removeFinal(List<Transaction> included) {
    for (Transaction tx : included) {
      removeFrom(tx.sender(), tx.nonce(), false);
      SenderQueue queue = senders.get(tx.sender());
      if (queue != null) {
        // anything at or below a final nonce can never execute
        for (Long stale : new ArrayList<>(queue.byNonce.headMap(tx.nonce(), true).keySet())) {
          removeFrom(tx.sender(), stale, false);
        }
      }
    }
  }

  /** Drops a transaction the block builder refused for good (expired, unaffordable, ...). */
  public synchronized void drop(Transaction tx) {
    if (byHash.containsKey(tx.hash())) removeFrom(tx.sender(), tx.nonce(), false);
  }

  /**
   * Drops it for good and remembers why, so its sender can ask ({@link #dropped}); the sender's
   * later transactions go too, remembered as {@link Rejection#EARLIER_TX_DROPPED}: without this
   * nonce they could never execute, and would hold their place until they expire.
   */
  public synchronized void drop(Transaction tx, Verdict why) {
    SenderQueue queue = senders.get(tx.sender());
    if (queue != null && byHash.containsKey(tx.hash())) {
      Verdict after = Verdict.reject(TxRejection.EARLIER_TX_DROPPED, "nonce " + tx.nonce()
          + " was dropped: " + why.rejection()
          + (why.detail().isEmpty() ? "" : " " + why.detail()));
      for (Entry later : queue.byNonce.tailMap(tx.nonce(), false).values()) {
        dropped.put(later.tx().hash(), after);
      }
      removeFrom(tx.sender(), tx.nonce(), true);
    }
    dropped.put(tx.hash(), why);
  }

  /** Why a recently dropped transaction left the mempool (the last 10,000 are remembered). */
  public synchronized Optional<Verdict> dropped(Hash txHash) {
    return Optional.ofNullable(dropped.get(txHash));
  }

  /** Drops every transaction whose expiry height is below {@code nextHeight}. */
  public synchronized int dropExpired(long nextHeight) {
    List<Transaction> expired = new ArrayList<>();
    for (Entry e : byHash.values()) {
      if (e.tx().body().expiryHeight() < nextHeight) expired.add(e.tx());
    }
    expired.forEach(this::drop);
    return expired.size() + dropStaleFeeFree(nextHeight);
  }

  /**
   * Drops the fee-free transactions admitted {@link MempoolLimits#feeFreeTtlBlocks()} or more
   * blocks before {@code nextHeight} (with their sender's later ones); cheap enough for every
   * block: it looks only at the oldest entries.
   */
  public synchronized int dropStaleFeeFree(long nextHeight) {
    int count = 0;
    while (!feeFreeByAge.isEmpty()) {
      Entry oldest = feeFreeByAge.peekFirst();
      boolean pending = byHash.get(oldest.tx().hash()) == oldest;
      if (pending && nextHeight - oldest.admittedAt() < limits.feeFreeTtlBlocks()) break;
      feeFreeByAge.removeFirst();
      if (pending) {
        drop(oldest.tx(), Verdict.reject(TxRejection.EXPIRED, "fee-free transactions stay at most "
            + limits.feeFreeTtlBlocks() + " blocks in the mempool"));
        count++;
      }
    }
    return count;
  }

  /** Pending fee-free transactions. */
  public synchronized int feeFreeSize() {
    return feeFree;
  }

  public synchronized boolean contains(Hash txHash) {
    return byHash.containsKey(txHash);
  }

  public synchronized Optional<Transaction> get(Hash txHash) {
    Entry e = byHash.get(txHash);
    return e == null ? Optional.empty() : Optional.of(e.tx());
  }

  /** The next nonce the sender should use, counting its consecutive pending transactions. */
  public synchronized long pendingNonce(Address sender, long committedNonce) {
    SenderQueue queue = senders.get(sender);
    long n = committedNonce;
    while (queue != null && queue.byNonce.containsKey(n)) n++;
    return n;
  }

  public synchronized int size() {
    return byHash.size();
  }

  public synchronized long bytes() {
    return bytes;
  }

  public MempoolLimits limits() {
    return limits;
  }
}
