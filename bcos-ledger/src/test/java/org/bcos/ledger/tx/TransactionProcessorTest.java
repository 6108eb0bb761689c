package org.bcos.ledger.tx;

import static org.bcos.ledger.LedgerFixtures.CHAIN_ID;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One test per rejection the ledger produces: each asserts the reason and that nothing changed.
 * Boundary values follow STYLE §12 (0, 1, MAX−1, MAX where they apply).
 */
class TransactionProcessorTest {
  private static final long FAR = 1_000;
  /** Balance of {@link #small}, a key funded in block 1 so boundary tests have exact numbers. */
  private static final long SMALL_BALANCE = 10 * Amount.UNITS_PER_DDC;

  private final Ed25519KeyPair rich = key(0);
  private final Ed25519KeyPair other = key(1);
  private final Ed25519KeyPair small = key(50);
  private final Ed25519KeyPair stranger = key(51);
  private Ledger ledger;
  private InMemoryStore store;

  @BeforeEach
  void setUp() {
    store = new InMemoryStore();
    ledger = Ledger.open(store, LedgerFixtures.genesis(List.of(rich, other)),
        SignatureCheck.withBestVerifier());
    BlockResult funded = ledger.buildBlock(
        List.of(transfer(rich, small.address(), SMALL_BALANCE, 0, MIN_FEE, FAR)), VALIDATOR,
        LedgerFixtures.GENESIS_TIME + 1);
    assertEquals(1, funded.block().transactions().size(), "fixture transfer must be included");
  }

  private TransactionProcessor processor() {
    return ledger.processor();
  }

  private long nextHeight() {
    return ledger.head().height() + 1;
  }

  /** Runs checkStateless, checkExpiry and execute the way ingress and the block builder do. */
  private Verdict fullCheck(Transaction tx) {
    Verdict v = processor().checkStateless(tx);
    if (v.ok()) v = processor().checkExpiry(tx, nextHeight());
    if (v.ok()) v = executeAlone(tx);
    return v;
  }

  /** Executes in a throwaway working state; a rejection must leave that state untouched. */
  private Verdict executeAlone(Transaction tx) {
    WorkingState working = new WorkingState(store);
    TxContext ctx = new TxContext(ledger.modules(), ledger.params(), nextHeight(),
        VALIDATOR.address(), working, ledger::validatorSetAt);
    Verdict v = processor().execute(ctx, tx);
    if (!v.ok()) assertEquals(0, working.changeCount(), "a rejected tx wrote state");
    return v;
  }

  /** Asserts the reason, and that building a block from the tx alone changes nothing. */
  private void assertRejectedAndNothingChanged(Rejection expected, Transaction tx) {
    assertEquals(expected, fullCheck(tx).rejection(), () -> fullCheck(tx).message());
    Hash rootBefore = ledger.head().header().stateRoot();
    Optional<Account> senderBefore = ledger.account(tx.sender());
    Optional<Account> validatorBefore = ledger.account(VALIDATOR.address());
    BlockResult result = ledger.buildBlock(List.of(tx), VALIDATOR, LedgerFixtures.GENESIS_TIME + 2);
    if (isExecutionReason(expected)) {
      assertEquals(1, result.skipped().size());
      assertEquals(expected, result.skipped().get(0).verdict().rejection());
      assertTrue(result.block().transactions().isEmpty());
    }
    if (result.block().transactions().isEmpty()) {
      assertEquals(rootBefore, ledger.head().header().stateRoot());
      assertEquals(senderBefore, ledger.account(tx.sender()));
      assertEquals(validatorBefore, ledger.account(VALIDATOR.address()));
    }
  }

  private static boolean isExecutionReason(Rejection r) {
    return r instanceof TxRejection t && switch (t) {
      case EXPIRED, UNKNOWN_SENDER, NONCE_TOO_LOW, NONCE_GAP_TOO_LARGE, INSUFFICIENT_BALANCE -> true;
      default -> false;
    };
  }

  private Transaction fromSmall(long amount, long fee) {
    return transfer(small, other.address(), amount, 0, fee, FAR);
  }

  // --- stateless ---

  @Test
  void transferRejectedWhenChainIdDiffers() {
    Transaction tx = transfer("other-chain", rich, other.address(), 1, 1, MIN_FEE, FAR, "");
    assertEquals(TxRejection.WRONG_CHAIN_ID, processor().checkStateless(tx).rejection());
    assertRejectedStatelessOnly(TxRejection.WRONG_CHAIN_ID, tx);
  }

  private void assertRejectedStatelessOnly(Rejection expected, Transaction tx) {
    Hash rootBefore = ledger.head().header().stateRoot();
    long balance = ledger.account(tx.sender()).map(Account::balanceUnits).orElse(0L);
    assertEquals(expected, fullCheck(tx).rejection());
    assertEquals(rootBefore, ledger.head().header().stateRoot());
    assertEquals(balance, ledger.account(tx.sender()).map(Account::balanceUnits).orElse(0L));
  }

  @Test
  void transferRejectedWhenFeeBelowMinimum() {
    assertRejectedStatelessOnly(TxRejection.FEE_TOO_LOW, fromSmall(1, 0));
    assertRejectedStatelessOnly(TxRejection.FEE_TOO_LOW, fromSmall(1, 1));
    assertRejectedStatelessOnly(TxRejection.FEE_TOO_LOW, fromSmall(1, MIN_FEE - 1));
    assertTrue(fullCheck(fromSmall(1, MIN_FEE)).ok());
  }

  @Test
  void transferRejectedWhenAmountNotPositive() {
    assertRejectedStatelessOnly(CoinRejection.AMOUNT_NOT_POSITIVE, fromSmall(0, MIN_FEE));
    assertTrue(fullCheck(fromSmall(1, MIN_FEE)).ok());
  }

  @Test
  void transferRejectedWhenMemoLongerThan256Utf8Bytes() {
    String ascii256 = "m".repeat(256);
    String ascii257 = "m".repeat(257);
    String twoByte128 = "é".repeat(128); // 256 UTF-8 bytes, 128 chars
    String twoByte129 = "é".repeat(129); // 258 UTF-8 bytes
    Address to = other.address();
    assertTrue(fullCheck(transfer(CHAIN_ID, small, to, 1, 0, MIN_FEE, FAR, ascii256)).ok());
    assertTrue(fullCheck(transfer(CHAIN_ID, small, to, 1, 0, MIN_FEE, FAR, twoByte128)).ok());
    assertRejectedStatelessOnly(CoinRejection.MEMO_TOO_LONG,
        transfer(CHAIN_ID, small, to, 1, 0, MIN_FEE, FAR, ascii257));
    assertRejectedStatelessOnly(CoinRejection.MEMO_TOO_LONG,
        transfer(CHAIN_ID, small, to, 1, 0, MIN_FEE, FAR, twoByte129));
  }

  @Test
  void transferRejectedWhenSenderIsRecipient() {
    assertRejectedStatelessOnly(CoinRejection.SELF_TRANSFER,
        transfer(small, small.address(), 1, 0, MIN_FEE, FAR));
  }

  @Test
  void transferRejectedWhenAmountPlusFeeOverflows() {
    long max = Long.MAX_VALUE;
    assertRejectedStatelessOnly(CoinRejection.AMOUNT_OVERFLOW, fromSmall(max, MIN_FEE));
    assertRejectedStatelessOnly(CoinRejection.AMOUNT_OVERFLOW, fromSmall(max - MIN_FEE + 1, MIN_FEE));
    assertRejectedStatelessOnly(CoinRejection.AMOUNT_OVERFLOW, fromSmall(1, max));
    assertRejectedStatelessOnly(CoinRejection.AMOUNT_OVERFLOW, fromSmall(max - 1, max - 1));
    // amount + fee == Long.MAX_VALUE exactly does not overflow; it is merely unaffordable
    Transaction exact = fromSmall(max - MIN_FEE, MIN_FEE);
    assertTrue(processor().checkStateless(exact).ok());
    assertEquals(max, Modules.maxCost(exact));
    assertRejectedAndNothingChanged(TxRejection.INSUFFICIENT_BALANCE, exact);
  }

  // --- expiry ---

  @Test
  void transferRejectedWhenExpiryHeightPassed() {
    long next = nextHeight();
    assertRejectedAndNothingChanged(TxRejection.EXPIRED,
        transfer(small, other.address(), 1, 0, MIN_FEE, next - 1));
    assertRejectedAndNothingChanged(TxRejection.EXPIRED,
        transfer(small, other.address(), 1, 0, MIN_FEE, 0));
    // each refused attempt above committed an empty block, so ask for the next height again
    assertTrue(fullCheck(transfer(small, other.address(), 1, 0, MIN_FEE, nextHeight())).ok());
  }

  @Test
  void transferRejectedWhenExpiryTooFarAhead() {
    long next = nextHeight();
    long delta = ledger.params().maxExpiryDeltaBlocks();
    assertTrue(fullCheck(transfer(small, other.address(), 1, 0, MIN_FEE, next + delta)).ok());
    assertRejectedStatelessOnly(TxRejection.EXPIRY_TOO_FAR,
        transfer(small, other.address(), 1, 0, MIN_FEE, next + delta + 1));
    assertRejectedStatelessOnly(TxRejection.EXPIRY_TOO_FAR,
        transfer(small, other.address(), 1, 0, MIN_FEE, Long.MAX_VALUE));
  }

  // --- execution ---

  @Test
  void transferRejectedWhenSenderUnknown() {
    assertRejectedAndNothingChanged(TxRejection.UNKNOWN_SENDER,
        transfer(stranger, other.address(), 1, 0, MIN_FEE, FAR));
    assertEquals(Optional.empty(), ledger.account(stranger.address()));
  }

  @Test
  void transferRejectedWhenNonceAlreadyUsed() {
    // small's nonce is 0; rich used nonce 0 in the fixture block, so rich's next nonce is 1
    assertEquals(1, ledger.account(rich.address()).orElseThrow().nonce());
    assertRejectedAndNothingChanged(TxRejection.NONCE_TOO_LOW,
        transfer(rich, other.address(), 1, 0, MIN_FEE, FAR));
    assertTrue(fullCheck(transfer(rich, other.address(), 1, 1, MIN_FEE, FAR)).ok());
  }

  @Test
  void transferRejectedWhenNonceAheadOfNext() {
    assertRejectedAndNothingChanged(TxRejection.NONCE_GAP_TOO_LARGE,
        transfer(small, other.address(), 1, 1, MIN_FEE, FAR));
    assertRejectedAndNothingChanged(TxRejection.NONCE_GAP_TOO_LARGE,
        transfer(small, other.address(), 1, Long.MAX_VALUE, MIN_FEE, FAR));
  }

  @Test
  void transferRejectedWhenBalanceBelowAmountPlusFee() {
    assertRejectedAndNothingChanged(TxRejection.INSUFFICIENT_BALANCE,
        fromSmall(SMALL_BALANCE - MIN_FEE + 1, MIN_FEE));
    assertRejectedAndNothingChanged(TxRejection.INSUFFICIENT_BALANCE, fromSmall(SMALL_BALANCE,
        MIN_FEE));
    assertRejectedAndNothingChanged(TxRejection.INSUFFICIENT_BALANCE,
        fromSmall(1, SMALL_BALANCE));
  }

  @Test
  void transferOfEntireBalanceMinusFeeSucceedsAndLeavesZero() {
    long otherBefore = ledger.account(other.address()).orElseThrow().balanceUnits();
    long validatorBefore =
        ledger.account(VALIDATOR.address()).map(Account::balanceUnits).orElse(0L);
    Transaction all = fromSmall(SMALL_BALANCE - MIN_FEE, MIN_FEE);
    assertTrue(fullCheck(all).ok());
    BlockResult r = ledger.buildBlock(List.of(all), VALIDATOR, LedgerFixtures.GENESIS_TIME + 2);
    assertEquals(List.of(all), r.block().transactions());
    assertEquals(new Account(0, 1), ledger.account(small.address()).orElseThrow());
    assertEquals(otherBefore + SMALL_BALANCE - MIN_FEE,
        ledger.account(other.address()).orElseThrow().balanceUnits());
    assertEquals(validatorBefore + MIN_FEE,
        ledger.account(VALIDATOR.address()).orElseThrow().balanceUnits());
    // an empty account still exists: its next transfer is refused for balance, not as unknown
    assertRejectedAndNothingChanged(TxRejection.INSUFFICIENT_BALANCE,
        transfer(small, other.address(), 1, 1, MIN_FEE, FAR));
  }

  @Test
  void amountOfOneUnitWithMinimumFeeSucceeds() {
    Transaction one = fromSmall(1, MIN_FEE);
    BlockResult r = ledger.buildBlock(List.of(one), VALIDATOR, LedgerFixtures.GENESIS_TIME + 2);
    assertEquals(1, r.block().transactions().size());
    assertEquals(new Account(SMALL_BALANCE - 1 - MIN_FEE, 1),
        ledger.account(small.address()).orElseThrow());
  }

  @Test
  void secondTransferInSameBlockSeesFirstDebit() {
    long half = SMALL_BALANCE / 2;
    Transaction first = fromSmall(half, MIN_FEE);
    Transaction second = transfer(small, other.address(), half, 1, MIN_FEE, FAR);
    BlockResult r =
        ledger.buildBlock(List.of(first, second), VALIDATOR, LedgerFixtures.GENESIS_TIME + 2);
    assertEquals(List.of(first), r.block().transactions());
    assertEquals(TxRejection.INSUFFICIENT_BALANCE, r.skipped().get(0).verdict().rejection());
    assertEquals(new Account(SMALL_BALANCE - half - MIN_FEE, 1),
        ledger.account(small.address()).orElseThrow());
  }
}
