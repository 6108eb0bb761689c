package org.bcos.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * The fixed chain of {@link GoldenChainTest}: a three-validator genesis and {@value #BLOCKS}
 * blocks built with {@link Ledger#buildBlock} at fixed times from fixed keys, exercising DDC
 * transfers, a DVS community through every issue phase, and two double-sign slashes. Every input
 * is a constant, so the chain is the same on every run; every transaction must be included.
 *
 * <p>Do not change the script: the recorded roots in {@code golden/chain-v1.txt} are its output.
 * Appending blocks at the end is allowed (re-record and say so in the commit).
 */
final class GoldenChain {
  /** Called with the committed store after genesis (block 0) and after each block. */
  interface Observer {
    void committed(Block block, InMemoryStore store);
  }

  static final int BLOCKS = 26;
  private static final long DDC = Amount.UNITS_PER_DDC;
  private static final long FEE = LedgerFixtures.MIN_FEE;
  private static final long COMMUNITY = 1;
  private static final int AREA_ECONOMY = 1;
  private static final int AREA_ENERGY = 2;
  /** Bits the community asks of fee-free DVS messages (small, so the test stays fast). */
  private static final int DVS_POW_BITS = 6;

  /** Validators 0..2 bond (i + 1) * 1,000 DDC and keep 10 DDC liquid. */
  private static final List<Ed25519KeyPair> VALIDATORS =
      List.of(LedgerFixtures.key(300), LedgerFixtures.key(301), LedgerFixtures.key(302));
  /** Holders 0..6 share the rest of the supply; holder 0 founds the community. */
  private static final List<Ed25519KeyPair> HOLDERS = LedgerFixtures.keys(7);
  /** A member with no genesis account: it votes fee-free with a stamp. */
  private static final Ed25519KeyPair PENNILESS = LedgerFixtures.key(310);
  /** Receives a transfer but holds no genesis allocation. */
  private static final Ed25519KeyPair NEWCOMER = LedgerFixtures.key(311);
  /** Reports a double-sign fee-free, from no account. */
  private static final Ed25519KeyPair REPORTER = LedgerFixtures.key(312);

  private final InMemoryStore store = new InMemoryStore();
  private final FixedEvidence evidence = new FixedEvidence();
  private final Ledger ledger;
  private final Observer observer;
  private final Map<Address, Long> nextNonce = new TreeMap<>();

  private GoldenChain(Observer observer) {
    this.observer = observer;
    this.ledger = Ledger.open(store, genesis(), SignatureCheck.withBestVerifier(), evidence);
    observer.committed(ledger.head(), store);
  }

  /** Builds the whole chain, reporting each committed block to {@code observer}. */
  static void build(Observer observer) {
    GoldenChain chain = new GoldenChain(observer);
    chain.script();
    assertEquals(BLOCKS, chain.ledger.head().height(), "the script builds " + BLOCKS + " blocks");
  }

  // --- the script -----------------------------------------------------------------------------

  private void script() {
    transfersAndCommunity(); // blocks 1-6
    issuesAndDelegations(); // blocks 7-10
    deliberation(); // blocks 11-13
    votingAndClose(); // blocks 14-26
  }

  private void transfersAndCommunity() {
    block(transfer(h(0), h(1), 5 * DDC, FEE, "rent"),
        transfer(h(1), h(2), 1_234_567, 2 * FEE, "lunch"),
        transfer(h(2), h(3), 7, 3 * FEE, ""),
        transfer(h(3), NEWCOMER.address(), 2 * DDC, FEE, "welcome"),
        transfer(h(0), h(4), 3 * DDC, 5 * FEE, "second in block"));
    block(tx(h(0), new DvsCreateCommunity("golden weighted", communityParams())));
    block(member(h(0), 5), member(h(1), 60), member(h(2), 30), member(h(3), 10),
        member(h(4), 20), member(h(5), 15), member(PENNILESS, 5),
        tx(h(0), new DvsAddArea(COMMUNITY, 0, "economy")),
        tx(h(0), new DvsAddArea(COMMUNITY, AREA_ECONOMY, "energy")));
    block(attest(h(1), "north"), attest(h(2), "south"), attest(h(3), "north"),
        attest(h(4), "south"), attest(h(5), "east"),
        tx(h(0), new DvsSetRegistrar(COMMUNITY, h(1).address(), true)));
    // the new registrar uses its right; a validator is slashed (offence at height 2)
    block(tx(h(1), new DvsSetMember(COMMUNITY, h(6).address(), 25)),
        tx(h(1), new DvsAttest(COMMUNITY, h(6).address(), "region", "east")),
        tx(h(6), new StakeEvidence(evidence.prove(VALIDATORS.get(2).address(), 2))));
    block(delegate(h(3), Scope.COMMUNITY, 0, h(1)),
        delegate(h(5), Scope.COMMUNITY, 0, h(3)),
        delegate(h(4), Scope.AREA, AREA_ECONOMY, h(2)),
        tx(h(6), new DvsRefuseDelegations(COMMUNITY, true)),
        transfer(NEWCOMER, h(0), DDC, FEE, "thanks"));
  }

  /** Issue 1 yes/no poll (area economy), 2 deliberative Schulze, 3 score poll, 4 approval poll. */
  private void issuesAndDelegations() {
    block(tx(h(1), issue(AREA_ECONOMY, false, new DvsRules(Method.YES_NO, 2_000, 5_000, 1_000,
            10, 100), "build the dam")),
        tx(h(2), issue(0, true, DvsRules.of(Method.SCHULZE), "plan A")),
        tx(h(3), issue(AREA_ENERGY, false, DvsRules.of(Method.SCORE), "wind", "sun", "coal")),
        tx(h(0), issue(0, false, DvsRules.of(Method.APPROVAL), "tea", "coffee", "water")));
    block(delegate(h(4), Scope.ISSUE, 3, h(1)),
        tx(h(5), new DvsUndelegate(COMMUNITY, Scope.COMMUNITY, 0)),
        tx(h(2), new DvsAddInitiative(2, "plan B")),
        tx(h(3), new DvsAddInitiative(2, "plan C")),
        vote(h(1), 1, part(40, 0), part(20, 1)),
        vote(h(2), 1, part(0, 1)),
        free(PENNILESS, new DvsCastBallot(1, List.of(part(0, 3)))));
    block(tx(h(1), new DvsSupport(2, 0, true)), tx(h(2), new DvsSupport(2, 1, true)),
        tx(h(4), new DvsSupport(2, 0, true)),
        vote(h(3), 3, part(0, 8, 10, 0)), vote(h(1), 3, part(0, 5, 9, 2)),
        vote(h(0), 4, part(0, 0, 2)), vote(h(6), 4, part(0, 1)));
    block(free(h(4), new DvsCastBallot(4, List.of(part(0, 2)))),
        tx(h(5), new DvsSupport(2, 1, true)),
        tx(h(4), new DvsSupport(2, 0, false)),
        transfer(h(5), h(6), 42 * DDC, 4 * FEE, "for the campaign"));
  }

  /** Issue 2 goes through discussion and verification; the polls close on the way. */
  private void deliberation() {
    assertPhase(2, Phase.DISCUSSION);
    block(tx(h(1), new DvsAddInitiative(2, "plan D")), tx(h(3), new DvsSupport(2, 2, true)));
    assertPhase(2, Phase.VERIFICATION);
    // the second slash: fee-free, from an account that does not exist yet
    block(stampedEvidence(VALIDATORS.get(1).address(), 6), tx(h(2), new DvsSupport(2, 3, true)));
    advanceWithTransfersTo(phaseEnd(2));
    assertPhase(2, Phase.VOTING);
  }

  private void votingAndClose() {
    // plan C (10 of 170 weight) missed the initiative quorum: it must stay unranked (0)
    assertEquals(List.of(true, true, false, true), onBallot(2));
    // ranks over plans A, B, C, D and the status quo
    block(rank(h(1), 1, 2, 0, 3, 4), rank(h(2), 2, 1, 0, 3, 4), rank(h(3), 3, 1, 0, 2, 4),
        free(PENNILESS, ranking(4, 3, 0, 2, 1)));
    block(rank(h(4), 1, 3, 0, 2, 4), rank(h(2), 1, 2, 0, 3, 4));
    advanceWithTransfersTo(phaseEnd(2));
    // yes/no: 46 yes to 74 no; Schulze: plan A; score: sun; approval: coffee and water tie
    List<String> outcomes = List.of("REJECTED", "DECIDED", "DECIDED", "TIE");
    for (long issue = 1; issue <= outcomes.size(); issue++) {
      assertPhase(issue, Phase.CLOSED);
      assertEquals(outcomes.get((int) issue - 1), outcome(issue), "issue " + issue);
    }
    assertEquals(List.of(VALIDATORS.get(0).address()), ledger.validatorSetAt(ledger.head()
        .height()).stream().map(ValidatorPower::address).toList(), "both slashed validators left");
    // after the close: delegation changes and a last transfer round
    block(tx(h(3), new DvsUndelegate(COMMUNITY, Scope.COMMUNITY, 0)),
        tx(h(6), new DvsRefuseDelegations(COMMUNITY, false)),
        delegate(h(5), Scope.COMMUNITY, 0, h(6)));
    while (ledger.head().height() < BLOCKS) {
      block(transfer(h(6), h(0), ledger.head().height(), FEE, "tail"));
    }
  }

  // --- genesis --------------------------------------------------------------------------------

  private static Genesis genesis() {
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (int i = 0; i < VALIDATORS.size(); i++) {
      long stake = (i + 1) * 1_000 * DDC;
      validators.add(new Genesis.Validator(VALIDATORS.get(i).address(), stake));
      allocations.add(new Genesis.Allocation(VALIDATORS.get(i).address(), stake + 10 * DDC));
      rest -= stake + 10 * DDC;
    }
    // holders 1..6 get a fixed amount each, holder 0 the remainder of the supply
    long holderUnits = 1_000_000 * DDC;
    long first = rest - holderUnits * (HOLDERS.size() - 1);
    allocations.add(new Genesis.Allocation(HOLDERS.get(0).address(), first));
    for (Ed25519KeyPair holder : HOLDERS.subList(1, HOLDERS.size())) {
      allocations.add(new Genesis.Allocation(holder.address(), holderUnits));
    }
    return new Genesis(LedgerFixtures.PARAMS, LedgerFixtures.GENESIS_TIME, validators,
        allocations);
  }

  /** Weighted electorate; admission 2, discussion 2, verification 2, voting 4 blocks. */
  private static DvsParams communityParams() {
    return new DvsParams(DvsParams.WEIGHTED, 2, 2, 2, 4, 2_000, 1_000, 8, 2, DVS_POW_BITS, false);
  }

  // --- blocks ---------------------------------------------------------------------------------

  /** Builds the next block; each of {@code txs} must be included, in order. */
  private void block(Transaction... txs) {
    long height = ledger.head().height() + 1;
    BlockResult r = ledger.buildBlock(List.of(txs), proposerFor(height),
        LedgerFixtures.GENESIS_TIME + height * 1_000);
    assertEquals(List.of(), r.skipped().stream()
            .map(s -> s.verdict().rejection() + ": " + s.verdict().message()).toList(),
        "every transaction of block " + height + " must be included");
    assertEquals(List.of(txs), r.block().transactions(), "block " + height);
    observer.committed(r.block(), store);
  }

  private void advanceWithTransfersTo(long height) {
    while (ledger.head().height() < height) {
      long n = ledger.head().height();
      block(transfer(h((int) (n % 3)), h((int) (n % 3) + 3), 1_000 + n, FEE + n, "filler " + n));
    }
  }

  /** The first validator, by address, of the set governing {@code height} proposes it. */
  private Ed25519KeyPair proposerFor(long height) {
    Address first = ledger.validatorSetAt(height).getFirst().address();
    return VALIDATORS.stream().filter(k -> k.address().equals(first)).findFirst().orElseThrow();
  }

  private long phaseEnd(long issue) {
    return new org.bcos.ledger.dvs.DvsStore(ledger.headState()).issue(issue).orElseThrow().phaseEnd();
  }

  private String outcome(long issue) {
    byte[] result = new org.bcos.ledger.dvs.DvsStore(ledger.headState()).result(issue).orElseThrow(
        () -> new AssertionError("issue " + issue + " has no result"));
    return IssueTally.decode(result).outcome().name();
  }

  private void assertPhase(long issue, Phase phase) {
    assertEquals(phase, new org.bcos.ledger.dvs.DvsStore(ledger.headState()).issue(issue).orElseThrow().phase(),
        "issue " + issue + " at height " + ledger.head().height());
  }

  // --- transactions ---------------------------------------------------------------------------

  private static Ed25519KeyPair h(int i) {
    return HOLDERS.get(i);
  }

  /** Counted here, not read from the ledger: every transaction of the script is included. */
  private long nonce(Ed25519KeyPair key) {
    return nextNonce.merge(key.address(), 1L, Long::sum) - 1;
  }

  private long expiry() {
    return ledger.head().height() + 50;
  }

  private Transaction tx(Ed25519KeyPair from, Message message) {
    return LedgerFixtures.sign(from, nonce(from), FEE, expiry(), message);
  }

  private Transaction free(Ed25519KeyPair from, Message message) {
    return LedgerFixtures.stamped(from, nonce(from), expiry(), message, DVS_POW_BITS, true);
  }

  private Transaction transfer(Ed25519KeyPair from, Ed25519KeyPair to, long units, long fee,
      String memo) {
    return transfer(from, to.address(), units, fee, memo);
  }

  private Transaction transfer(Ed25519KeyPair from, Address to, long units, long fee,
      String memo) {
    return LedgerFixtures.sign(from, nonce(from), fee, expiry(), new CoinTransfer(to, units, memo));
  }

  private Transaction stampedEvidence(Address offender, long offenceHeight) {
    return LedgerFixtures.stamped(REPORTER, nonce(REPORTER), expiry(),
        new StakeEvidence(evidence.prove(offender, offenceHeight)),
        StakeEvidence.FEE_FREE_POW_BITS, true);
  }

  private Transaction member(Ed25519KeyPair who, long weight) {
    return tx(h(0), new DvsSetMember(COMMUNITY, who.address(), weight));
  }

  private Transaction attest(Ed25519KeyPair who, String region) {
    return tx(h(0), new DvsAttest(COMMUNITY, who.address(), "region", region));
  }

  private Transaction delegate(Ed25519KeyPair from, Scope scope, long scopeId,
      Ed25519KeyPair to) {
    return tx(from, new DvsDelegate(COMMUNITY, scope, scopeId, to.address()));
  }

  private static DvsCreateIssue issue(int area, boolean deliberative, DvsRules rules,
      String... options) {
    return new DvsCreateIssue(COMMUNITY, area, deliberative, rules, List.of(options),
        HOLDERS.get(0).address(), 0);
  }

  private static DvsBallotPart part(long weight, long... values) {
    return new DvsBallotPart(weight, values);
  }

  private Transaction vote(Ed25519KeyPair from, long issue, DvsBallotPart... parts) {
    return tx(from, new DvsCastBallot(issue, List.of(parts)));
  }

  /** A ranking ballot on the deliberative issue 2. */
  private Transaction rank(Ed25519KeyPair from, long... ranks) {
    return tx(from, ranking(ranks));
  }

  private static DvsCastBallot ranking(long... ranks) {
    return new DvsCastBallot(2, List.of(part(0, ranks)));
  }

  private List<Boolean> onBallot(long issue) {
    boolean[] on = new org.bcos.ledger.dvs.DvsStore(ledger.headState()).issue(issue).orElseThrow().onBallot();
    List<Boolean> out = new ArrayList<>();
    for (boolean b : on) out.add(b);
    return out;
  }

  /**
   * Double-sign evidence without the consensus module (as the stake tests do): the bytes handed
   * out by {@link #prove} stand for their offence, anything else proves nothing. The bytes are a
   * pure function of offender and height, so every run of the chain holds the same transactions.
   */
  private static final class FixedEvidence implements EvidenceCheck {
    private final Map<String, Offence> offences = new TreeMap<>();

    byte[] prove(Address offender, long height) {
      byte[] bytes = ("golden double-sign " + offender + " at " + height)
          .getBytes(StandardCharsets.US_ASCII);
      offences.put(HexFormat.of().formatHex(bytes), new Offence(offender, height));
      return bytes;
    }

    @Override
    public Optional<Offence> verify(byte[] evidence, String chainId,
        LongFunction<List<ValidatorPower>> setAt) {
      if (!LedgerFixtures.CHAIN_ID.equals(chainId)) return Optional.empty();
      return Optional.ofNullable(offences.get(HexFormat.of().formatHex(evidence)));
    }
  }
}
