package org.bcos.ledger.gov.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovMessage;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;

/**
 * The gov module's part of the API: its messages' JSON (amounts as exact DDC strings) and the
 * proposal queries ({@code gov_proposals}, {@code gov_proposal}); its parameters are listed by
 * the params module's query like every other.
 */
public final class GovRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext queries) {
    return List.of(new GovProposalsMethod(queries), new GovProposalMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    switch ((GovMessage) message) {
      case GovSubmitProposal s -> {
        out.put("title", s.title()).put("description", s.description())
            .put("deposit", Amount.format(s.deposit()));
        GovJson.content(out.putObject("content"), s.content());
      }
      case GovDeposit d -> out.put("proposal", d.proposalId())
          .put("amount", Amount.format(d.units()));
    }
  }
}
