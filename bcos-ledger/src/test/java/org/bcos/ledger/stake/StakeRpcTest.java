package org.bcos.ledger.stake;

import static org.bcos.ledger.stake.StakeChain.DDC;
import static org.bcos.ledger.stake.StakeChain.MIN_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeSet;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.SupplyInvariant;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.rpc.StakeRpc;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import org.junit.jupiter.api.Test;

/**
 * The stake module's query methods over a real staking ledger (StakingLedgerTest's genesis: three
 * validators, a reward pool, at most three in the set, three-block unbonding): every answer
 * matches its OpenRPC schema, lists page, standings and ranks follow the set, an account's
 * entries carry their completion heights, a pending reward is what a withdraw pays, and a chain
 * without staking is refused by name. Also the supply broken down by holding.
 */
class StakeRpcTest {
  private static final Ed25519KeyPair ALICE = StakingLedgerTest.ALICE;
  private static final Ed25519KeyPair NEW_KEY = StakingLedgerTest.NEW_KEY;

  private final StakeChain chain = StakeChain.inMemory(StakingLedgerTest.stakingGenesis(3),
      new StakeChain.FakeEvidence());

  private JsonNode call(String name, JsonNode... args) {
    return call(chain, name, args);
  }

  private static JsonNode call(StakeChain on, String name, JsonNode... args) {
    RpcMethod method = new StakeRpc().methods(on.ledger).stream()
        .filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    JsonNode out = method.call(RpcArgs.of(args), WorkBudget.unbounded());
    assertEquals(List.of(), SchemaCheck.errors(method.spec().result().schema(), out), name);
    return out;
  }

  private static TextNode text(Object value) {
    return TextNode.valueOf(value.toString());
  }

  private void include(Ed25519KeyPair from, Message m) {
    chain.block(LedgerFixtures.sign(from, chain.nonce(from), MIN_FEE, chain.expiry(), m));
  }

  private static Address validator(int i) {
    return StakeChain.validatorKey(i).address();
  }

  @Test
  void validatorsPageByOperatorWithStandingAndRank() {
    include(ALICE, new StakeCreateValidator(NEW_KEY.address(), 500, 2_000, 100, 5_000 * DDC,
        "alice"));
    JsonNode first = call("stake_validators", IntNode
        .valueOf(2));
    assertEquals(2, first.path("validators").size());
    assertTrue(first.has("nextCursor"));
    JsonNode second = call("stake_validators", IntNode
        .valueOf(2), first.path("nextCursor"));
    assertFalse(second.has("nextCursor"));
    List<JsonNode> all = new ArrayList<>();
    first.path("validators").forEach(all::add);
    second.path("validators").forEach(all::add);
    assertEquals(4, all.size());
    TreeSet<Address> operators = new TreeSet<>();
    TreeSet<Integer> ranks = new TreeSet<>();
    int inactive = 0;
    for (JsonNode v : all) {
      operators.add(Address.parse(v.path("operator").asText()));
      if (v.has("rank")) ranks.add(v.path("rank").asInt());
      if (v.path("status").asText().equals("inactive")) {
        inactive++;
        assertEquals(0, v.path("votingPower").asLong());
      }
    }
    assertEquals(4, operators.size(), "each once, in address byte order across pages");
    assertEquals(all.stream().map(v -> Address.parse(v.path("operator").asText())).toList(),
        List.copyOf(operators));
    assertEquals(new TreeSet<>(List.of(1, 2, 3)), ranks, "max 3 in the set");
    assertEquals(1, inactive, "the smallest genesis validator left the set");
    JsonNode alice = call("stake_getValidator", text(ALICE.address()));
    assertEquals("alice", alice.path("moniker").asText());
    assertEquals(NEW_KEY.address().toString(), alice.path("consensusKey").asText());
    assertEquals("active", alice.path("status").asText());
    assertEquals(5_000, alice.path("votingPower").asLong());
    assertEquals(500, alice.path("commission").path("rateBasisPoints").asInt());
    assertEquals(2_000, alice.path("commission").path("maxRateBasisPoints").asInt());
    assertEquals("5000", alice.path("tokens").asText());
  }

  @Test
  void aTombstonedValidatorShowsItsJail() {
    Address offender = validator(1);
    chain.block(chain.report(ALICE, chain.nonce(ALICE), chain.evidence.prove(offender, 1)));
    JsonNode v = call("stake_getValidator", text(offender));
    assertEquals("tombstoned", v.path("status").asText());
    assertTrue(v.has("jailedUntil"));
    assertFalse(v.has("rank"));
  }

  @Test
  void unknownValidatorIsNotFound() {
    RpcException e = assertThrows(RpcException.class,
        () -> call("stake_getValidator", text(ALICE.address())));
    assertEquals("NOT_FOUND", e.reason());
  }

  @Test
  void accountShowsBondsEntriesWithCompletionHeightsAndExactRewards() {
    include(ALICE, new StakeBond(validator(2), 500 * DDC));
    chain.emptyBlocks(1);
    JsonNode before = call("stake_getAccount", text(ALICE.address()));
    long pending = pendingAt(before, validator(2));
    assertTrue(pending > 0, before.toString());
    assertEquals(Long.toString(pending), before.path("totalRewardsUnits").asText());
    long balance = chain.balance(ALICE.address());
    include(ALICE, new StakeWithdrawRewards(validator(2)));
    // the withdraw's own block shares its rewards after its transactions
    assertEquals(balance - MIN_FEE + pending, chain.balance(ALICE.address()));

    long unbondHeight = chain.height() + 1;
    include(ALICE, new StakeUnbond(validator(2), 100 * DDC));
    long redelegateHeight = chain.height() + 1;
    include(ALICE, new StakeRedelegate(validator(2), validator(1), 50 * DDC));
    JsonNode a = call("stake_getAccount", text(ALICE.address()));
    assertEquals(2, a.path("delegations").size());
    assertEquals("400", a.path("bonded").asText(), "350 at the source, 50 moved");
    assertEquals(50 * DDC, bondAt(a, validator(1)));
    JsonNode u = a.path("unbonding").get(0);
    assertEquals(unbondHeight, u.path("creationHeight").asLong());
    assertEquals(unbondHeight + StakingLedgerTest.UNBONDING_BLOCKS,
        u.path("completionHeight").asLong());
    assertEquals("100", u.path("balance").asText());
    JsonNode r = a.path("redelegations").get(0);
    assertEquals(validator(2).toString(), r.path("source").asText());
    assertEquals(validator(1).toString(), r.path("destination").asText());
    assertEquals(redelegateHeight + StakingLedgerTest.UNBONDING_BLOCKS,
        r.path("completionHeight").asLong());
  }

  private static long bondAt(JsonNode account, Address validator) {
    for (JsonNode d : account.path("delegations")) {
      if (d.path("validator").asText().equals(validator.toString())) {
        return Long.parseLong(d.path("amountUnits").asText());
      }
    }
    return 0;
  }

  private static long pendingAt(JsonNode account, Address validator) {
    for (JsonNode d : account.path("delegations")) {
      if (d.path("validator").asText().equals(validator.toString())) {
        return Long.parseLong(d.path("pendingRewardUnits").asText());
      }
    }
    return 0;
  }

  @Test
  void poolsShowWhatTheRewardPoolHasLeft() {
    chain.emptyBlocks(4);
    JsonNode p = call("stake_pools");
    long left = StakingLedgerTest.POOL - chain.height() * StakingLedgerTest.REWARD;
    assertEquals(Long.toString(left), p.path("rewardPoolUnits").asText());
    assertEquals(left / StakingLedgerTest.REWARD, p.path("rewardBlocksLeft").asLong());
    assertEquals(StakingLedgerTest.UNBONDING_BLOCKS, p.path("unbondingPeriodBlocks").asLong());
  }

  @Test
  void aChainWithoutStakingIsRefusedByName() {
    StakeChain old = StakeChain.inMemory(StakeChain.genesis(3), new StakeChain.FakeEvidence());
    for (String method : List.of("stake_validators", "stake_pools")) {
      RpcException e = assertThrows(RpcException.class, () -> call(old, method));
      assertEquals(StakingRejection.STAKING_NOT_ACTIVE.name(), e.reason());
      assertEquals(StakingRejection.STAKING_NOT_ACTIVE.code(), e.code());
    }
  }

  @Test
  void supplyPartsNameEveryHoldingAndSumToTheSupply() {
    include(ALICE, new StakeBond(validator(2), 500 * DDC));
    include(ALICE, new StakeUnbond(validator(2), 100 * DDC));
    SequencedMap<String, Long> parts;
    try (var view = chain.store.snapshot()) {
      parts = new SupplyInvariant(chain.ledger.modules().holdings()).parts(view, () -> { });
    }
    long sum = parts.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, sum);
    assertEquals(100 * DDC, parts.get("unbonding"));
    assertEquals(StakingLedgerTest.POOL - chain.height() * StakingLedgerTest.REWARD,
        parts.get("rewardPool"));
    assertTrue(parts.get("outstandingRewards") > 0, parts.toString());
    // the community pool holds the division remainders of the signed-power proposer bonus
    assertEquals(new TreeSet<>(List.of("liquid", "bonded", "rewardPool", "communityPool",
        "commission", "outstandingRewards", "unbonding")), new TreeSet<>(parts.keySet()));
    assertEquals("liquid", parts.firstEntry().getKey(), "the coin module's holding first");
    for (Map.Entry<String, Long> e : parts.entrySet()) assertTrue(e.getValue() >= 0);
  }
}
