package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * A ledger over a multi-validator genesis driven block by block, the base of the module tests'
 * chains ({@code StakeChain}, {@code GovChain}): each block is built by the first validator (by
 * address) of the set governing its height at {@link #timeAt} its height, and carries the
 * previous block's certificate from {@link #commits} once the chain is at a version that needs
 * one (3 and later), so a test chain may start at or upgrade to any version.
 */
public class LedgerTestChain {
  public final Genesis genesis;
  public final KeyValueStore store;
  /** The commit check; {@code commits.absent(key)} leaves a validator out of later blocks. */
  public final TestCommits commits = new TestCommits();
  public final Ledger ledger;
  private final Function<Address, Ed25519KeyPair> keys;

  /**
   * Opens {@code genesis} over {@code store} with {@code evidence} as the double-sign check;
   * {@code keys} gives the key of each validator that may propose.
   */
  protected LedgerTestChain(Genesis genesis, KeyValueStore store, EvidenceCheck evidence,
      Function<Address, Ed25519KeyPair> keys) {
    this.genesis = genesis;
    this.store = store;
    this.keys = keys;
    this.ledger = Ledger.open(store, genesis, SignatureCheck.withBestVerifier(), evidence,
        commits);
  }

  /** The key of the fixtures' single validator ({@link LedgerFixtures#genesis(List)} chains). */
  public static Ed25519KeyPair fixtureValidator(Address address) {
    if (!LedgerFixtures.VALIDATOR.address().equals(address)) {
      throw new IllegalArgumentException("not the fixtures' validator: " + address);
    }
    return LedgerFixtures.VALIDATOR;
  }

  /** The block time of {@code height}: one second per block after the genesis time. */
  public static long timeAt(long height) {
    return LedgerFixtures.GENESIS_TIME + height * 1_000;
  }

  public long height() {
    return ledger.head().height();
  }

  public Hash root() {
    return ledger.head().header().stateRoot();
  }

  /** The first validator (by address) of the set governing {@code height}. */
  public Ed25519KeyPair proposerFor(long height) {
    return keys.apply(ledger.validatorSetAt(height).getFirst().address());
  }

  /** Builds and commits the next block from {@code txs} with {@link #proposerFor} its height. */
  public BlockResult block(Transaction... txs) {
    long next = height() + 1;
    return ledger.buildBlock(List.of(txs), proposerFor(next), timeAt(next));
  }

  /** Proposes (does not commit) the next block from {@code txs}, proposed by {@code proposer}. */
  public BlockResult propose(Ed25519KeyPair proposer, Transaction... txs) {
    return ledger.proposeBlock(List.of(txs), proposer, timeAt(height() + 1));
  }

  /** Proposes (does not commit) the next block from {@code txs} by its {@link #proposerFor}. */
  public BlockResult propose(Transaction... txs) {
    return propose(proposerFor(height() + 1), txs);
  }

  public void emptyBlocks(int n) {
    for (int i = 0; i < n; i++) block();
  }

  /** Commits empty blocks up to and including {@code height}. */
  public void until(long height) {
    while (height() < height) block();
  }

  /**
   * Builds a block holding only {@code tx}, which must be refused with {@code reason}; nothing may
   * change (the block's state root is its parent's). Callers pick heights where no module's end
   * of block changes state.
   */
  public void rejected(Rejection reason, Transaction tx) {
    Hash before = root();
    BlockResult r = block(tx);
    assertEquals(1, r.skipped().size(), "the transaction should be refused");
    assertEquals(reason, r.skipped().getFirst().verdict().rejection(),
        r.skipped().getFirst().verdict().message());
    assertEquals(0, r.block().transactions().size());
    assertEquals(before, r.block().header().stateRoot(), "a refused transaction changed state");
  }

  public long nonce(Ed25519KeyPair key) {
    return ledger.account(key.address()).map(Account::nonce).orElse(0L);
  }

  public long balance(Address address) {
    return ledger.account(address).map(Account::balanceUnits).orElse(0L);
  }

  /** Every module's holdings summed over the committed state. */
  public long supply() {
    return Modules.supplyInvariant().total(store);
  }
}
