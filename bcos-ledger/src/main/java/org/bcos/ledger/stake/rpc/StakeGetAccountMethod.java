package org.bcos.ledger.stake.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;
import static org.bcos.ledger.spi.rpc.JsonSchemas.units;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.stake.StakingQueries;
import org.bcos.types.Address;

/**
 * {@code stake_getAccount [address]}: what one account has staked: bonds, unbonding and
 * redelegation entries with their completion heights, pending rewards and commission.
 */
final class StakeGetAccountMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("stake_getAccount",
      "One account's bonds (delegations), unbonding and redelegation entries, pending rewards"
          + " and commission.",
      "delegations: per validator the shares, what they are worth now (amount) and the reward"
          + " a withdraw would pay now (pendingReward). unbonding: entries paid out at the end of"
          + " block completionHeight (balance may be below initial after a slash). redelegations:"
          + " entries still slashable at their source until completionHeight. commission: what"
          + " the validator this account operates has earned (0 when it operates none);"
          + " totalRewards = Σ pendingReward + commission. Lists in validator address order, each"
          + " at most " + StakingQueries.MAX_ENTRIES_PER_ACCOUNT + " (more is LIMIT_EXCEEDED)."
          + " Costs one work unit per validator of the chain plus one per entry.",
      List.of(RpcParam.required("address", address(), "the bonder's dd1… address")),
      new RpcResult("account", object().field("height", uint()).field("address", address())
          .field("delegations", array(object().field("validator", address())
              .field("moniker", string()).field("shares", units()).amountField("amount")
              .amountField("pendingReward").build()))
          .field("unbonding", array(object().field("validator", address())
              .field("creationHeight", uint()).field("completionHeight", uint())
              .amountField("initial").amountField("balance").build()))
          .field("redelegations", array(object().field("source", address())
              .field("destination", address()).field("creationHeight", uint())
              .field("completionHeight", uint()).amountField("initial").build()))
          .amountField("bonded").amountField("unbondingTotal").amountField("commission")
          .amountField("totalRewards").build()),
      List.of(RpcFailure.limit("the account holds more than "
          + StakingQueries.MAX_ENTRIES_PER_ACCOUNT + " entries of one kind"),
          StakeJson.NOT_ACTIVE));

  private final StakingQueries queries;

  StakeGetAccountMethod(StakingQueries queries) {
    super(SPEC);
    this.queries = queries;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(1);
    Address address = args.address(0, "address");
    StakeJson.requireActive(queries);
    StakingQueries.AccountStake stake;
    try {
      stake = queries.accountStake(address, StakeJson.charge(budget));
    } catch (IllegalArgumentException e) {
      throw RpcException.limit(e.getMessage());
    }
    ObjectNode out = RpcJson.object().put("height", queries.height())
        .put("address", address.toString());
    long bonded = delegations(out.putArray("delegations"), stake);
    long rewards = stake.delegations().stream()
        .mapToLong(StakingQueries.DelegationView::pendingRewardUnits).reduce(0, Math::addExact);
    long unbonding = unbonding(out.putArray("unbonding"), stake);
    ArrayNode redelegations = out.putArray("redelegations");
    for (StakingQueries.RedelegationView r : stake.redelegations()) {
      ObjectNode n = redelegations.addObject().put("source", r.source().toString())
          .put("destination", r.destination().toString())
          .put("creationHeight", r.creationHeight())
          .put("completionHeight", r.entry().completionHeight());
      RpcJson.amount(n, "initial", r.entry().initialUnits());
    }
    RpcJson.amount(out, "bonded", bonded);
    RpcJson.amount(out, "unbondingTotal", unbonding);
    RpcJson.amount(out, "commission", stake.commissionUnits());
    RpcJson.amount(out, "totalRewards", Math.addExact(rewards, stake.commissionUnits()));
    return out;
  }

  private static long delegations(ArrayNode list, StakingQueries.AccountStake stake) {
    long total = 0;
    for (StakingQueries.DelegationView d : stake.delegations()) {
      ObjectNode n = list.addObject().put("validator", d.validator().toString())
          .put("moniker", d.moniker()).put("shares", Long.toString(d.shares()));
      RpcJson.amount(n, "amount", d.units());
      RpcJson.amount(n, "pendingReward", d.pendingRewardUnits());
      total = Math.addExact(total, d.units());
    }
    return total;
  }

  private static long unbonding(ArrayNode list, StakingQueries.AccountStake stake) {
    long total = 0;
    for (StakingQueries.UnbondingView u : stake.unbonding()) {
      ObjectNode n = list.addObject().put("validator", u.validator().toString())
          .put("creationHeight", u.creationHeight())
          .put("completionHeight", u.entry().completionHeight());
      RpcJson.amount(n, "initial", u.entry().initialUnits());
      RpcJson.amount(n, "balance", u.entry().balanceUnits());
      total = Math.addExact(total, u.entry().balanceUnits());
    }
    return total;
  }
}
