package org.bcos.ledger.stake.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.stake.StakingQueries;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.stake.api.StakeAmountMessage;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeMessage;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.types.Amount;
import org.bcos.types.Hex;
import org.bcos.types.tx.Message;

/**
 * The stake module's part of the API: its query methods ({@code stake_validators},
 * {@code stake_getValidator}, {@code stake_getAccount}, {@code stake_pools}; docs/RPC.md) and its
 * messages' JSON (amounts as exact DDC strings, rates in basis points).
 */
public final class StakeRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext context) {
    StakingQueries queries = new StakingQueries(context);
    return List.of(new StakeValidatorsMethod(queries), new StakeGetValidatorMethod(queries),
        new StakeGetAccountMethod(queries), new StakePoolsMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    switch ((StakeMessage) message) {
      case StakeEvidence e -> out.put("evidence", Hex.encode(e.evidence()));
      case StakeCreateValidator c -> out.put("consensusKey", c.consensusKey().toString())
          .put("rateBasisPoints", c.rateBasisPoints())
          .put("maxRateBasisPoints", c.maxRateBasisPoints())
          .put("maxChangeBasisPoints", c.maxChangeBasisPoints())
          .put("selfBond", Amount.format(c.selfBondUnits())).put("moniker", c.moniker());
      case StakeEditValidator ed -> out.put("moniker", ed.moniker())
          .put("rateBasisPoints", ed.rateBasisPoints());
      case StakeAmountMessage m -> out.put("validator", m.validator().toString())
          .put("amount", Amount.format(m.units()));
      case StakeRedelegate r -> out.put("source", r.source().toString())
          .put("destination", r.destination().toString()).put("amount", Amount.format(r.units()));
      case StakeWithdrawRewards w -> out.put("validator", w.validator().toString());
      case StakeUnjail u -> {
        // no fields: the sender is the operator
      }
    }
  }
}
