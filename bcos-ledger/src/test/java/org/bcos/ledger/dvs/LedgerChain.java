package org.bcos.ledger.dvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.LedgerTestChain;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Member;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * An in-memory ledger driven block by block for the DVS tests: hands out nonces (a sender's
 * transactions in one block get consecutive nonces), builds blocks with the validator key at a
 * fake clock, and keeps every built block so other ledgers can import them.
 */
final class LedgerChain extends LedgerTestChain {
  final List<Block> blocks = new ArrayList<>();
  private final Map<Address, Long> nextNonce = new TreeMap<>();

  LedgerChain(List<Ed25519KeyPair> holders) {
    this(LedgerFixtures.genesis(holders));
  }

  /** A chain of {@code genesis} (built with {@link LedgerFixtures#genesis(List)}'s validator). */
  LedgerChain(org.bcos.ledger.Genesis genesis) {
    super(genesis, new InMemoryStore(), EvidenceCheck.NONE, LedgerTestChain::fixtureValidator);
  }

  /** The next nonce of {@code key} not yet handed out for the block being assembled. */
  private long handOutNonce(Ed25519KeyPair key) {
    Address a = key.address();
    long committed = nonce(key);
    long n = Math.max(committed, nextNonce.getOrDefault(a, 0L));
    nextNonce.put(a, n + 1);
    return n;
  }

  /** {@code message} from {@code key} paying the minimum fee, at its next nonce. */
  Transaction tx(Ed25519KeyPair key, Message message) {
    return LedgerFixtures.sign(key, handOutNonce(key), LedgerFixtures.MIN_FEE, height() + 100,
        message);
  }

  /** A fee-free {@code message} with a stamp of at least {@code bits} (or, if not {@code enough},
   * fewer). */
  Transaction free(Ed25519KeyPair key, Message message, int bits, boolean enough) {
    return LedgerFixtures.stamped(key, handOutNonce(key), height() + 100, message, bits,
        enough);
  }

  /** Builds the next block from {@code txs}; forgets nonces handed out for it. */
  @Override
  public BlockResult block(Transaction... txs) {
    BlockResult r = super.block(txs);
    nextNonce.clear();
    blocks.add(r.block());
    return r;
  }

  /** Builds a block in which every transaction must be included. */
  Block ok(Transaction... txs) {
    BlockResult r = block(txs);
    assertEquals(List.of(), r.skipped().stream().map(s -> s.verdict().message()).toList(),
        "every transaction should be included");
    return r.block();
  }

  /** Sends {@code message} from {@code key} (fee paid) in a block of its own; it must succeed. */
  Block ok(Ed25519KeyPair key, Message message) {
    return ok(tx(key, message));
  }

  void rejected(Rejection reason, Ed25519KeyPair key, Message message) {
    rejected(reason, tx(key, message));
  }

  /** Empty blocks until the head is {@code target}. */
  void advanceTo(long target) {
    assertTrue(target >= height(), "cannot go back to " + target);
    while (height() < target) ok();
  }

  DvsStore dvs() {
    return new org.bcos.ledger.dvs.DvsStore(ledger.headState());
  }

  Community community(long id) {
    return dvs().community(id).orElseThrow();
  }

  Issue issue(long id) {
    return dvs().issue(id).orElseThrow();
  }

  Member member(long community, Address who) {
    return dvs().member(community, who).orElseThrow();
  }

  /** The live count now (issue in voting) through the same code the RPC uses. */
  IssueTally live(long issue) {
    return DvsCounting.count(dvs(), issue(issue), height(), false);
  }

  /** The final result stored at close. */
  IssueTally result(long issue) {
    return IssueTally.decode(dvs().result(issue).orElseThrow(
        () -> new AssertionError("issue " + issue + " has no result at " + height())));
  }

  void assertSupplyConserved() {
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, supply(), "supply not conserved");
  }

  /**
   * Calls the module RPC method {@code name} as the node's method table does (unbounded budget)
   * and checks the answer against the method's published result schema.
   */
  com.fasterxml.jackson.databind.JsonNode rpc(String name,
      com.fasterxml.jackson.databind.JsonNode... params) {
    org.bcos.ledger.spi.rpc.RpcMethod m = ledger.modules().rpcMethods(ledger).stream()
        .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    com.fasterxml.jackson.databind.JsonNode out = m.call(
        org.bcos.ledger.spi.rpc.RpcArgs.of(params),
        org.bcos.ledger.spi.rpc.WorkBudget.unbounded());
    assertEquals(List.of(), org.bcos.ledger.spi.rpc.SchemaCheck.errors(
        m.spec().result().schema(), out), name + " " + out);
    return out;
  }
}
