package org.bcos.ledger.stake.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeMessage;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.types.Amount;
import org.bcos.types.Hex;
import org.bcos.types.tx.Message;

/**
 * The stake module's part of the API: its messages' JSON (amounts as exact DDC strings, rates in
 * basis points). Query methods for validators and bonds come with the staking RPC work.
 */
public final class StakeRpc implements ModuleRpc {
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
      case StakeBond b -> out.put("validator", b.validator().toString())
          .put("amount", Amount.format(b.units()));
      case StakeUnbond u -> out.put("validator", u.validator().toString())
          .put("amount", Amount.format(u.units()));
      case StakeRedelegate r -> out.put("source", r.source().toString())
          .put("destination", r.destination().toString()).put("amount", Amount.format(r.units()));
      case StakeWithdrawRewards w -> out.put("validator", w.validator().toString());
      case StakeUnjail u -> {
        // no fields: the sender is the operator
      }
    }
  }
}
