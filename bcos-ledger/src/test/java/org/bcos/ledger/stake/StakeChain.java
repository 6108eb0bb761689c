package org.bcos.ledger.stake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.LedgerTestChain;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * A ledger over a multi-validator genesis for the stake tests: validators {@code key(200 + i)}
 * bonding {@link #stakeOf}, the rest of the supply spread over {@link #HOLDERS}, a fake evidence
 * seam, and helpers that build blocks with a validator of the next height at a fixed clock.
 */
final class StakeChain extends LedgerTestChain {
  static final long DDC = Amount.UNITS_PER_DDC;
  static final long MIN_FEE = LedgerFixtures.MIN_FEE;
  /** Liquid balance every validator but the first keeps beside its stake. */
  static final long VALIDATOR_LIQUID_UNITS = 10 * DDC;
  static final List<Ed25519KeyPair> HOLDERS = LedgerFixtures.keys(3);
  private static final int VALIDATOR_KEY_BASE = 200;

  final FakeEvidence evidence;

  StakeChain(Genesis genesis, KeyValueStore store, FakeEvidence evidence) {
    super(genesis, store, evidence, StakeChain::keyOf);
    this.evidence = evidence;
  }

  static StakeChain inMemory(Genesis genesis, FakeEvidence evidence) {
    return new StakeChain(genesis, new InMemoryStore(), evidence);
  }

  // --- genesis ---

  static Ed25519KeyPair validatorKey(int i) {
    return LedgerFixtures.key(VALIDATOR_KEY_BASE + i);
  }

  /** Validator {@code i}'s stake: (i + 1) * 1,000 DDC; validator 1 also bonds 55 stray units. */
  static long stakeOf(int i) {
    return (i + 1) * 1_000 * DDC + (i == 1 ? 55 : 0);
  }

  /** Validator {@code i}'s allocation: validator 0 bonds all of it, the others keep 10 DDC. */
  static long allocationOf(int i) {
    return stakeOf(i) + (i == 0 ? 0 : VALIDATOR_LIQUID_UNITS);
  }

  /**
   * {@code n} validators, listed in descending address order (so a set sorted by address differs
   * from the genesis order), and the rest of the supply over {@link #HOLDERS}.
   */
  static Genesis genesis(int n) {
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (int i = 0; i < n; i++) {
      validators.add(new Genesis.Validator(validatorKey(i).address(), stakeOf(i)));
      allocations.add(new Genesis.Allocation(validatorKey(i).address(), allocationOf(i)));
      rest -= allocationOf(i);
    }
    validators.sort(Comparator.comparing(Genesis.Validator::address).reversed());
    long share = rest / HOLDERS.size();
    for (int i = 0; i < HOLDERS.size(); i++) {
      long units = i == 0 ? rest - share * (HOLDERS.size() - 1) : share;
      allocations.add(new Genesis.Allocation(HOLDERS.get(i).address(), units));
    }
    return new Genesis(LedgerFixtures.PARAMS, LedgerFixtures.GENESIS_TIME, validators,
        allocations);
  }

  /** The key of {@code address}: one of {@link #validatorKey} or {@link #HOLDERS}. */
  static Ed25519KeyPair keyOf(Address address) {
    for (Ed25519KeyPair k : HOLDERS) {
      if (k.address().equals(address)) return k;
    }
    for (int i = 0; i < 16; i++) {
      if (validatorKey(i).address().equals(address)) return validatorKey(i);
    }
    throw new IllegalArgumentException("not a test validator: " + address);
  }

  // --- driving the chain (blocks: LedgerTestChain) ---

  long expiry() {
    return height() + 100;
  }

  /** An evidence report paying the minimum fee. */
  Transaction report(Ed25519KeyPair from, long nonce, byte[] evidence) {
    return LedgerFixtures.sign(from, nonce, MIN_FEE, expiry(), new StakeEvidence(evidence));
  }

  /** A fee-free evidence report whose stamp has enough bits, or (not {@code enough}) too few. */
  Transaction freeReport(Ed25519KeyPair from, long nonce, byte[] evidence, boolean enough) {
    return LedgerFixtures.stamped(from, nonce, expiry(), new StakeEvidence(evidence),
        StakeEvidence.FEE_FREE_POW_BITS, enough);
  }

  Transaction transfer(Ed25519KeyPair from, Address to, long units, long nonce) {
    return LedgerFixtures.sign(from, nonce, MIN_FEE, expiry(), new CoinTransfer(to, units, ""));
  }

  // --- committed stake state ---

  private StakeStore stakes() {
    return new StakeStore(new WorkingState(store));
  }

  Optional<ValidatorStake> stake(Address validator) {
    return stakes().validator(validator);
  }

  long slashedPool() {
    return stakes().slashedPool();
  }

  List<ValidatorPower> activeSetInState() {
    return stakes().activeSet();
  }

  // --- blocks ---

  static Block resign(BlockHeader h, List<Transaction> txs, Ed25519KeyPair key) {
    return new Block(h, key.sign(h.hash().toBytes()), txs);
  }

  static BlockHeader withStateRoot(BlockHeader h, Hash stateRoot) {
    return new BlockHeader(h.chainId(), h.height(), h.timeMillis(), h.previousHash(), h.txRoot(),
        stateRoot, h.proposer(), h.txCount());
  }

  static BlockHeader withProposer(BlockHeader h, Address proposer) {
    return new BlockHeader(h.chainId(), h.height(), h.timeMillis(), h.previousHash(), h.txRoot(),
        h.stateRoot(), proposer, h.txCount());
  }

  /**
   * The evidence seam, faked: evidence bytes handed out by {@link #prove} map to their offence,
   * anything else is invalid. Deterministic, so replicas sharing one instance agree. Records the
   * set the ledger reports for each offence height it looks up.
   */
  static final class FakeEvidence implements EvidenceCheck {
    private final Map<String, Offence> offences = new TreeMap<>();
    private final List<List<ValidatorPower>> setsSeen = new ArrayList<>();
    private int next;

    /** New evidence bytes proving that {@code offender} double-signed at {@code height}. */
    synchronized byte[] prove(Address offender, long height) {
      byte[] evidence = ("double-sign #" + next++).getBytes(StandardCharsets.US_ASCII);
      offences.put(HexFormat.of().formatHex(evidence), new Offence(offender, height));
      return evidence;
    }

    /** Sets the ledger gave for the offence heights looked up so far. */
    synchronized List<List<ValidatorPower>> setsSeen() {
      return List.copyOf(setsSeen);
    }

    @Override
    public synchronized Optional<Offence> verify(byte[] evidence, String chainId,
        LongFunction<List<ValidatorPower>> setAt) {
      if (!LedgerFixtures.CHAIN_ID.equals(chainId)) return Optional.empty();
      Offence offence = offences.get(HexFormat.of().formatHex(evidence));
      // heights below 1 (used to probe the age limit without 100,000 blocks) have no set
      if (offence != null && offence.height() >= 1) setsSeen.add(setAt.apply(offence.height()));
      return Optional.ofNullable(offence);
    }
  }
}
