package org.bcos.node.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.Address;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

class MempoolTest {
  private static final String CHAIN = "bcos-test";
  private static final long RICH = 1_000_000_000L;
  private static final int GAP = 16;
  private static final MempoolLimits ROOMY = new MempoolLimits(1_000, 1 << 20, 100);

  private final Ed25519KeyPair alice = key(1);
  private final Ed25519KeyPair bob = key(2);
  private final Ed25519KeyPair carol = key(3);
  private final Address sink = key(9).address();

  private static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    seed[0] = (byte) i;
    seed[31] = 0x33;
    return Ed25519KeyPair.fromSeed(seed);
  }

  private Transaction tx(Ed25519KeyPair from, long nonce, long fee) {
    return tx(from, nonce, fee, 1, 100, "");
  }

  private Transaction tx(Ed25519KeyPair from, long nonce, long fee, long amount, long expiry,
      String memo) {
    return signed(new TxBody(CHAIN, from.address(), nonce, fee, expiry,
        new CoinTransfer(sink, amount, memo)), from);
  }

  private static Transaction signed(TxBody body, Ed25519KeyPair from) {
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, from.sign(digest));
  }

  private static Optional<Account> account(long balance, long nonce) {
    return Optional.of(new Account(balance, nonce));
  }

  private static void assertAdded(Mempool pool, Transaction tx, Optional<Account> acct) {
    Verdict v = pool.add(tx, acct);
    assertTrue(v.ok(), v.message());
    assertTrue(pool.contains(tx.hash()));
  }

  /** A rejected add names the reason and leaves the pool's size and bytes as they were. */
  private static void assertRejected(Rejection reason, Mempool pool, Transaction tx,
      Optional<Account> acct) {
    int size = pool.size();
    long bytes = pool.bytes();
    boolean wasThere = pool.contains(tx.hash());
    assertEquals(reason, pool.add(tx, acct).rejection());
    assertEquals(size, pool.size(), "size changed by a rejected add");
    assertEquals(bytes, pool.bytes(), "bytes changed by a rejected add");
    assertEquals(wasThere, pool.contains(tx.hash()));
  }

  private static long sizes(Transaction... txs) {
    long n = 0;
    for (Transaction t : txs) n += t.encodedSize();
    return n;
  }

  // --- ordering ---

  @Test
  void candidatesPerSenderComeOutInNonceOrderFromNextNonce() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction n7 = tx(alice, 7, 10);
    Transaction n5 = tx(alice, 5, 10);
    Transaction n6 = tx(alice, 6, 99);
    for (Transaction t : List.of(n7, n5, n6)) assertAdded(pool, t, account(RICH, 5));
    assertEquals(List.of(n5, n6, n7), pool.candidates(10, a -> 5L));
    assertEquals(List.of(n6, n7), pool.candidates(10, a -> 6L), "starts at the next nonce");
    assertEquals(List.of(n5, n6), pool.candidates(2, a -> 5L), "max is respected");
    assertEquals(3, pool.size());
    assertEquals(sizes(n5, n6, n7), pool.bytes());
  }

  @Test
  void nonceGapHoldsLaterTransactionsBack() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction n5 = tx(alice, 5, 10);
    Transaction n7 = tx(alice, 7, 10);
    Transaction n8 = tx(alice, 8, 10);
    for (Transaction t : List.of(n5, n7, n8)) assertAdded(pool, t, account(RICH, 5));
    assertEquals(List.of(n5), pool.candidates(10, a -> 5L));
    assertEquals(List.of(), pool.candidates(10, a -> 6L));
    Transaction n6 = tx(alice, 6, 10);
    assertAdded(pool, n6, account(RICH, 5));
    assertEquals(List.of(n5, n6, n7, n8), pool.candidates(10, a -> 5L));
  }

  @Test
  void highestFeeFirstAcrossSenders() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction a0 = tx(alice, 0, 10);
    Transaction b0 = tx(bob, 0, 30);
    Transaction c0 = tx(carol, 0, 20);
    for (Transaction t : List.of(a0, b0, c0)) assertAdded(pool, t, account(RICH, 0));
    assertEquals(List.of(b0, c0, a0), pool.candidates(10, a -> 0L));
  }

  @Test
  void senderChainIsMergedByFeeWithoutBreakingNonceOrder() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction a0 = tx(alice, 0, 50);
    Transaction a1 = tx(alice, 1, 1);
    Transaction a2 = tx(alice, 2, 100);
    Transaction b0 = tx(bob, 0, 10);
    for (Transaction t : List.of(a2, a1, a0, b0)) assertAdded(pool, t, account(RICH, 0));
    // a2 pays most but must wait for a1
    assertEquals(List.of(a0, b0, a1, a2), pool.candidates(10, a -> 0L));
  }

  @Test
  void equalFeesComeOutInArrivalOrder() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction c0 = tx(carol, 0, 10);
    Transaction a0 = tx(alice, 0, 10);
    Transaction b0 = tx(bob, 0, 10);
    for (Transaction t : List.of(c0, a0, b0)) assertAdded(pool, t, account(RICH, 0));
    assertEquals(List.of(c0, a0, b0), pool.candidates(10, a -> 0L));
  }

  // --- admission rejections ---

  @Test
  void duplicateHashIsAlreadyKnown() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction t = tx(alice, 0, 10);
    assertAdded(pool, t, account(RICH, 0));
    assertRejected(TxRejection.ALREADY_KNOWN, pool, t, account(RICH, 0));
    assertRejected(TxRejection.ALREADY_KNOWN, pool, t, Optional.empty());
  }

  @Test
  void duplicateNonceIsAlreadyKnownEvenWithHigherFee() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction t = tx(alice, 0, 10);
    assertAdded(pool, t, account(RICH, 0));
    Transaction sameNonce = tx(alice, 0, 1_000);
    assertRejected(TxRejection.ALREADY_KNOWN, pool, sameNonce, account(RICH, 0));
    assertEquals(List.of(t), pool.candidates(10, a -> 0L));
  }

  @Test
  void nonceBelowAccountNonceIsTooLow() {
    Mempool pool = new Mempool(ROOMY, GAP);
    assertRejected(TxRejection.NONCE_TOO_LOW, pool, tx(alice, 4, 10), account(RICH, 5));
    assertRejected(TxRejection.NONCE_TOO_LOW, pool, tx(alice, 0, 10), account(RICH, 5));
    assertAdded(pool, tx(alice, 5, 10), account(RICH, 5));
  }

  @Test
  void nonceBeyondMaxGapIsRejected() {
    Mempool pool = new Mempool(ROOMY, 3);
    assertAdded(pool, tx(alice, 5, 10), account(RICH, 2));
    assertRejected(TxRejection.NONCE_GAP_TOO_LARGE, pool, tx(alice, 6, 10), account(RICH, 2));
    assertRejected(TxRejection.NONCE_GAP_TOO_LARGE, pool, tx(alice, Long.MAX_VALUE, 10),
        account(RICH, 2));
    Mempool strict = new Mempool(ROOMY, 0);
    assertRejected(TxRejection.NONCE_GAP_TOO_LARGE, strict, tx(alice, 3, 10), account(RICH, 2));
    assertAdded(strict, tx(alice, 2, 10), account(RICH, 2));
  }

  @Test
  void unknownSenderIsRejected() {
    Mempool pool = new Mempool(ROOMY, GAP);
    assertRejected(TxRejection.UNKNOWN_SENDER, pool, tx(alice, 0, 10), Optional.empty());
    assertEquals(0, pool.pendingNonce(alice.address(), 0));
  }

  @Test
  void insufficientBalanceCountsPendingSpendsOfSameSender() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Optional<Account> acct = account(100, 0);
    assertAdded(pool, tx(alice, 0, 10, 50, 100, ""), acct); // cost 60, 40 left
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, pool, tx(alice, 1, 10, 31, 100, ""), acct);
    assertAdded(pool, tx(alice, 1, 10, 30, 100, ""), acct); // exactly the rest
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, pool, tx(alice, 2, 1, 1, 100, ""), acct);
    // another sender's pending spends do not count against alice's
    assertAdded(pool, tx(bob, 0, 10, 90, 100, ""), account(100, 0));
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, pool, tx(carol, 0, 10, 91, 100, ""),
        account(100, 0));
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, pool, tx(carol, 0, 10, 1, 100, ""),
        account(0, 0));
  }

  @Test
  void senderQueueFullRejectsNextTransaction() {
    Mempool pool = new Mempool(new MempoolLimits(100, 1 << 20, 2), GAP);
    assertAdded(pool, tx(alice, 0, 10), account(RICH, 0));
    assertAdded(pool, tx(alice, 1, 10), account(RICH, 0));
    assertRejected(TxRejection.SENDER_QUEUE_FULL, pool, tx(alice, 2, 1_000), account(RICH, 0));
    assertAdded(pool, tx(bob, 0, 10), account(RICH, 0));
  }

  @Test
  void mempoolFullByCountWhenNewcomerFeeIsNotHigher() {
    Mempool pool = new Mempool(new MempoolLimits(2, 1 << 20, 2), GAP);
    assertAdded(pool, tx(alice, 0, 10), account(RICH, 0));
    assertAdded(pool, tx(bob, 0, 20), account(RICH, 0));
    assertRejected(TxRejection.MEMPOOL_FULL, pool, tx(carol, 0, 10), account(RICH, 0));
    assertRejected(TxRejection.MEMPOOL_FULL, pool, tx(carol, 0, 9), account(RICH, 0));
    assertRejected(TxRejection.MEMPOOL_FULL, pool, tx(carol, 0, 0), account(RICH, 0));
    assertEquals(0, pool.pendingNonce(carol.address(), 0));
  }

  @Test
  void mempoolFullByBytesWhenNewcomerFeeIsNotHigher() {
    String memo = "m".repeat(1_800);
    Mempool pool = new Mempool(new MempoolLimits(1_000, 1 << 16, 1_000), GAP);
    int added = 0;
    while (true) {
      Transaction t = tx(key(100 + added), 0, 10, 1, 100, memo);
      if (pool.bytes() + t.encodedSize() > pool.limits().maxBytes()) break;
      assertAdded(pool, t, account(RICH, 0));
      added++;
    }
    assertTrue(added > 10 && added < 1_000, "filled by bytes, not count: " + added);
    assertRejected(TxRejection.MEMPOOL_FULL, pool, tx(bob, 0, 10, 1, 100, memo), account(RICH, 0));
    assertTrue(pool.bytes() <= pool.limits().maxBytes());
  }

  // --- eviction ---

  @Test
  void higherFeeNewcomerEvictsLowestFeeAndThatSendersLaterNonces() {
    Mempool pool = new Mempool(new MempoolLimits(3, 1 << 20, 3), GAP);
    Transaction a0 = tx(alice, 0, 5);
    Transaction a1 = tx(alice, 1, 50); // pays well but depends on a0
    Transaction b0 = tx(bob, 0, 20);
    for (Transaction t : List.of(a0, a1, b0)) assertAdded(pool, t, account(RICH, 0));
    Transaction c0 = tx(carol, 0, 6);
    assertAdded(pool, c0, account(RICH, 0));
    assertFalse(pool.contains(a0.hash()));
    assertFalse(pool.contains(a1.hash()), "a1 can never run without a0");
    assertEquals(2, pool.size());
    assertEquals(sizes(b0, c0), pool.bytes());
    assertEquals(0, pool.pendingNonce(alice.address(), 0));
    assertEquals(List.of(b0, c0), pool.candidates(10, a -> 0L));
    // alice's pending spends were released with the evicted transactions
    assertAdded(pool, tx(alice, 0, 30, RICH - 30, 100, ""), account(RICH, 0));
  }

  @Test
  void evictionTakesLatestArrivalAmongEqualLowestFees() {
    Mempool pool = new Mempool(new MempoolLimits(2, 1 << 20, 2), GAP);
    Transaction a0 = tx(alice, 0, 5);
    Transaction b0 = tx(bob, 0, 5);
    assertAdded(pool, a0, account(RICH, 0));
    assertAdded(pool, b0, account(RICH, 0));
    assertAdded(pool, tx(carol, 0, 6), account(RICH, 0));
    assertTrue(pool.contains(a0.hash()));
    assertFalse(pool.contains(b0.hash()));
  }

  @Test
  void higherFeeNewcomerEvictsEnoughBytes() {
    String memo = "m".repeat(1_800);
    Mempool pool = new Mempool(new MempoolLimits(1_000, 1 << 16, 1_000), GAP);
    int added = 0;
    while (true) {
      Transaction t = tx(key(100 + added), 0, 10 + added, 1, 100, memo);
      if (pool.bytes() + t.encodedSize() > pool.limits().maxBytes()) break;
      assertAdded(pool, t, account(RICH, 0));
      added++;
    }
    Transaction cheapest = tx(key(100), 0, 10, 1, 100, memo);
    Transaction rich = tx(alice, 0, 1_000, 1, 100, memo);
    assertAdded(pool, rich, account(RICH, 0));
    assertFalse(pool.contains(cheapest.hash()));
    assertEquals(added, pool.size());
    assertTrue(pool.bytes() <= pool.limits().maxBytes());
  }

  @Test
  void rejectedNewcomerEvictsNothingWhenEvictingEnoughIsImpossible() {
    // small cheap tx + big pricier txs fill the bytes; a big newcomer paying between them would
    // need to evict a pricier tx too, so it must be refused without evicting the cheap one
    Mempool pool = new Mempool(new MempoolLimits(1_000, 1 << 16, 1_000), GAP);
    String memo = "m".repeat(1_800);
    Transaction cheap = tx(alice, 0, 1);
    assertAdded(pool, cheap, account(RICH, 0));
    int i = 0;
    while (true) {
      Transaction t = tx(key(100 + i), 0, 100, 1, 100, memo);
      if (pool.bytes() + t.encodedSize() > pool.limits().maxBytes()) break;
      assertAdded(pool, t, account(RICH, 0));
      i++;
    }
    // top up with the largest pricier tx that still fits, so little room is left
    for (int len = memo.length(); len >= 0; len--) {
      Transaction filler = tx(key(100 + i), 0, 100, 1, 100, "f".repeat(len));
      if (pool.bytes() + filler.encodedSize() <= pool.limits().maxBytes()) {
        assertAdded(pool, filler, account(RICH, 0));
        break;
      }
    }
    long room = pool.limits().maxBytes() - pool.bytes();
    Transaction newcomer = tx(bob, 0, 50, 1, 100, memo);
    assertTrue(newcomer.encodedSize() > room + cheap.encodedSize(),
        "evicting the cheap tx alone must not make room");
    assertRejected(TxRejection.MEMPOOL_FULL, pool, newcomer, account(RICH, 0));
    assertTrue(pool.contains(cheap.hash()), "a refused newcomer evicted a transaction");
  }

  // --- removal ---

  @Test
  void transactionsAlreadyFinalButNotYetRemovedDoNotCountAgainstTheBalance() {
    // the block producer commits first and prunes the mempool just after: in between, the
    // account already paid for nonces 0 and 1 while the pool still holds them
    Mempool pool = new Mempool(ROOMY, GAP);
    long each = 10 + 1; // fee 10 + amount 1
    assertAdded(pool, tx(alice, 0, 10), account(3 * each, 0));
    assertAdded(pool, tx(alice, 1, 10), account(3 * each, 0));
    // nonce 0 is final: 2 units of cost left, nonce 1 still pending → room for exactly one more
    assertAdded(pool, tx(alice, 2, 10), account(2 * each, 1));
    // nonce 1 final too: what is left covers nonce 2 only
    var refused = pool.add(tx(alice, 3, 10), account(each, 2));
    assertEquals(TxRejection.INSUFFICIENT_BALANCE, refused.rejection());
    assertTrue(refused.detail().matches("needs [0-9.]+ DDC \\(amount plus fee\\), has [0-9.]+ DDC"
        + " of which [0-9.]+ DDC are spent by pending transactions"), refused.detail());
  }

  @Test
  void removeFinalDropsIncludedAndStaleLowerNonces() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction a0 = tx(alice, 0, 10);
    Transaction a1 = tx(alice, 1, 10);
    Transaction a2 = tx(alice, 2, 10);
    Transaction b0 = tx(bob, 0, 10);
    for (Transaction t : List.of(a0, a1, a2, b0)) assertAdded(pool, t, account(RICH, 0));
    pool.removeFinal(List.of(a1));
    assertFalse(pool.contains(a0.hash()), "a0 is stale once nonce 1 is final");
    assertFalse(pool.contains(a1.hash()));
    assertTrue(pool.contains(a2.hash()));
    assertTrue(pool.contains(b0.hash()));
    assertEquals(2, pool.size());
    assertEquals(sizes(a2, b0), pool.bytes());
    assertEquals(List.of(a2, b0), pool.candidates(10, a -> a.equals(alice.address()) ? 2L : 0L));
  }

  @Test
  void removeFinalOfCompetingTransactionDropsPendingOneWithSameNonce() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction mine = tx(alice, 0, 10);
    Transaction competing = tx(alice, 0, 77); // included via another node
    assertAdded(pool, mine, account(RICH, 0));
    pool.removeFinal(List.of(competing));
    assertEquals(0, pool.size());
    assertEquals(0, pool.bytes());
    assertAdded(pool, tx(alice, 1, 10, RICH - 10, 100, ""), account(RICH, 1));
  }

  @Test
  void dropExpiredRemovesOnlyTransactionsBelowNextHeight() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction early = tx(alice, 0, 10, 1, 5, "");
    Transaction exact = tx(bob, 0, 10, 1, 6, "");
    Transaction late = tx(carol, 0, 10, 1, 10, "");
    for (Transaction t : List.of(early, exact, late)) assertAdded(pool, t, account(RICH, 0));
    assertEquals(1, pool.dropExpired(6));
    assertFalse(pool.contains(early.hash()));
    assertTrue(pool.contains(exact.hash()));
    assertEquals(sizes(exact, late), pool.bytes());
    assertEquals(0, pool.dropExpired(6));
    assertEquals(2, pool.dropExpired(11));
    assertEquals(0, pool.size());
    assertEquals(0, pool.bytes());
  }

  @Test
  void pendingNonceCountsConsecutivePendingNonces() {
    Mempool pool = new Mempool(ROOMY, GAP);
    assertEquals(3, pool.pendingNonce(alice.address(), 3));
    for (long n : new long[] {3, 4, 6}) assertAdded(pool, tx(alice, n, 10), account(RICH, 3));
    assertEquals(5, pool.pendingNonce(alice.address(), 3));
    assertEquals(7, pool.pendingNonce(alice.address(), 6));
    assertEquals(0, pool.pendingNonce(bob.address(), 0));
  }

  @Test
  void dropRemovesOneTransactionAndReleasesItsSpend() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction all = tx(alice, 0, 10, 90, 100, "");
    assertAdded(pool, all, account(100, 0));
    assertRejected(TxRejection.INSUFFICIENT_BALANCE, pool, tx(alice, 1, 10, 1, 100, ""),
        account(100, 0));
    pool.drop(all);
    assertEquals(0, pool.size());
    assertAdded(pool, tx(alice, 0, 10, 90, 100, "again"), account(100, 0));
  }

  // --- fee-free messages ---

  /** A fee-free DVS support (stamp not checked here: the ledger's admission check does that). */
  private Transaction free(Ed25519KeyPair from, long nonce) {
    return signed(new TxBody(CHAIN, from.address(), nonce, 0, 100_000,
        new org.bcos.ledger.dvs.api.DvsSupport(1, 0, true)), from);
  }

  @Test
  void feeFreeMessagesAreCappedPerSenderAndInAllWhilePayingOnesStillGetIn() {
    Mempool pool = new Mempool(new MempoolLimits(1_000, 1 << 20, 100, 5, 2, 100), GAP);
    assertTrue(pool.add(free(alice, 0), Optional.empty(), 1).ok());
    assertTrue(pool.add(free(alice, 1), Optional.empty(), 1).ok());
    assertRejected(TxRejection.FEE_FREE_QUOTA_FULL, pool, free(alice, 2), Optional.empty());
    for (int i = 0; i < 3; i++) {
      assertTrue(pool.add(free(key(20 + i), 0), Optional.empty(), 1).ok());
    }
    assertEquals(5, pool.feeFreeSize());
    assertRejected(TxRejection.FEE_FREE_QUOTA_FULL, pool, free(bob, 0), Optional.empty());
    assertAdded(pool, tx(bob, 0, 10), account(RICH, 0));
    pool.removeFinal(List.of(free(alice, 0)));
    assertEquals(4, pool.feeFreeSize());
    assertTrue(pool.add(free(bob, 1), account(RICH, 1), 1).ok(), "room again after a block");
  }

  @Test
  void feeFreeMessagesLeaveAfterTheirTimeToLiveWithTheSendersLaterOnes() {
    Mempool pool = new Mempool(new MempoolLimits(1_000, 1 << 20, 100, 100, 10, 20), GAP);
    Transaction early = free(alice, 0);
    Transaction later = free(alice, 1);
    Transaction paying = tx(alice, 2, 10);
    assertTrue(pool.add(early, Optional.empty(), 5).ok());
    assertTrue(pool.add(free(bob, 0), Optional.empty(), 15).ok());
    assertTrue(pool.add(later, Optional.empty(), 15).ok());
    assertAdded(pool, paying, account(RICH, 0));
    assertEquals(0, pool.dropStaleFeeFree(24));
    assertEquals(1, pool.dropStaleFeeFree(25), "admitted at 5, 20 blocks to live");
    assertEquals(TxRejection.EXPIRED, pool.dropped(early.hash()).orElseThrow().rejection());
    assertEquals(TxRejection.EARLIER_TX_DROPPED, pool.dropped(later.hash()).orElseThrow()
        .rejection(), "nonce 1 can never execute without nonce 0");
    assertFalse(pool.contains(paying.hash()));
    assertEquals(1, pool.size(), "bob's message stays");
    assertEquals(1, pool.dropStaleFeeFree(35));
    assertEquals(0, pool.size());
    assertEquals(0, pool.feeFreeSize());
  }

  @Test
  void droppingATransactionForGoodDropsTheSendersLaterNoncesByName() {
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction t0 = tx(alice, 0, 10);
    Transaction t1 = tx(alice, 1, 10);
    Transaction t2 = tx(alice, 2, 10);
    Transaction other = tx(bob, 0, 10);
    for (Transaction t : List.of(t0, t1, t2, other)) assertAdded(pool, t, account(RICH, 0));
    pool.drop(t0, Verdict.reject(TxRejection.INSUFFICIENT_BALANCE, "spent elsewhere"));
    assertEquals(List.of(other), pool.candidates(10, a -> 0L));
    Verdict why = pool.dropped(t2.hash()).orElseThrow();
    assertEquals(TxRejection.EARLIER_TX_DROPPED, why.rejection());
    assertTrue(why.detail().contains("INSUFFICIENT_BALANCE"), why.detail());
    assertEquals(0, pool.pendingNonce(alice.address(), 0));
  }

  @Test
  void aTransactionAdmittedAtANonceABlockJustUsedLeavesWithThatBlock() {
    // the account is read under the pool's lock: either the block's commit is seen (refused), or
    // its removeFinal comes after the admission and drops what holds the nonce
    Mempool pool = new Mempool(ROOMY, GAP);
    Transaction included = tx(alice, 0, 10);
    Transaction rival = tx(alice, 0, 11);
    assertTrue(pool.admit(rival, () -> account(RICH, 0), 1).ok(), "read before the commit");
    pool.removeFinal(List.of(included));
    assertFalse(pool.contains(rival.hash()));
    assertEquals(TxRejection.NONCE_TOO_LOW,
        pool.admit(rival, () -> account(RICH, 1), 2).rejection(), "read after the commit");
  }
  @Test
  void checkAnswersAsAdmitWouldAndChangesNothing() {
    Mempool pool = new Mempool(new MempoolLimits(2, 1 << 20, 2), GAP);
    assertAdded(pool, tx(alice, 0, 10), account(RICH, 0));
    assertAdded(pool, tx(bob, 0, 10), account(RICH, 0));
    int size = pool.size();
    long bytes = pool.bytes();

    // admissible: a higher fee would evict the lowest, but a check evicts nothing
    Transaction richer = tx(carol, 0, 20);
    assertTrue(pool.check(richer, account(RICH, 0)).ok());
    assertEquals(TxRejection.MEMPOOL_FULL, pool.check(tx(carol, 0, 5), account(RICH, 0))
        .rejection());
    assertEquals(TxRejection.ALREADY_KNOWN, pool.check(tx(alice, 0, 10), account(RICH, 0))
        .rejection());
    assertEquals(TxRejection.NONCE_TOO_LOW, pool.check(tx(alice, 0, 30), account(RICH, 1))
        .rejection());
    assertEquals(TxRejection.INSUFFICIENT_BALANCE, pool.check(tx(alice, 1, 30), account(12, 0))
        .rejection(), "the pending transfer's cost counts");
    assertEquals(TxRejection.UNKNOWN_SENDER, pool.check(richer, Optional.empty()).rejection());
    assertEquals(size, pool.size());
    assertEquals(bytes, pool.bytes());
    assertFalse(pool.contains(richer.hash()));
    assertTrue(pool.contains(tx(alice, 0, 10).hash()) && pool.contains(tx(bob, 0, 10).hash()));

    assertAdded(pool, richer, account(RICH, 0)); // and admit agrees
  }
}
