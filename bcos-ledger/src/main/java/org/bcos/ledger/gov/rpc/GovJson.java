package org.bcos.ledger.gov.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.amount;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.ledger.gov.api.ProposalContent.CancelUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.CommunitySpend;
import org.bcos.ledger.gov.api.ProposalContent.ParamChange;
import org.bcos.ledger.gov.api.ProposalContent.ParamValue;
import org.bcos.ledger.gov.api.ProposalContent.SoftwareUpgrade;
import org.bcos.ledger.gov.api.ProposalContent.Text;
import org.bcos.types.Amount;

/** JSON of proposal contents, shared by message JSON and queries. */
final class GovJson {
  private GovJson() {}

  /** A proposal's own fields. */
  static ObjectNode proposal(ObjectNode out, Proposal p) {
    out.put("id", p.id()).put("proposer", p.proposer().toString()).put("title", p.title())
        .put("description", p.description()).put("status", p.status().name())
        .put("submitHeight", p.submitHeight()).put("depositEndHeight", p.depositEnd())
        .put("totalDeposit", Amount.format(p.totalDeposit()));
    content(out.putObject("content"), p.content());
    if (p.issueId() != 0) out.put("issue", p.issueId()).put("votingEndHeight", p.votingEnd());
    if (p.status().isFinal()) {
      out.put("outcome", p.outcome()).put("result", p.result()).put("closedHeight", p.closedAt());
    }
    return out;
  }

  /** The schema of {@link #proposal}. */
  static ObjectNode proposalSchema() {
    return object().field("id", uint()).field("proposer", address()).field("title", string())
        .field("description", string()).field("status", oneOfText("DEPOSIT_PERIOD",
            "VOTING_PERIOD", "PASSED", "FAILED", "REJECTED", "VETOED", "EXPIRED"))
        .field("submitHeight", uint()).field("depositEndHeight", uint())
        .field("totalDeposit", amount())
        .field("content", contentSchema())
        .optional("issue", uint()).optional("votingEndHeight", uint())
        .optional("outcome", string()).optional("result", string())
        .optional("closedHeight", uint()).build();
  }

  /** The schema of {@link #content}: the kind and the fields it has. */
  static ObjectNode contentSchema() {
    return object().field("kind", oneOfText("param", "upgrade", "cancel-upgrade", "spend",
            "text"))
        .optional("changes", array(object().field("name", string()).field("value", uint())
            .build()))
        .optional("name", string()).optional("version", uint()).optional("release", hash())
        .optional("height", uint()).optional("recipient", address()).optional("amount", amount())
        .build();
  }

  static ObjectNode content(ObjectNode out, ProposalContent content) {
    out.put("kind", content.kind());
    switch (content) {
      case ParamChange p -> {
        ArrayNode changes = out.putArray("changes");
        for (ParamValue c : p.changes()) {
          changes.addObject().put("name", c.name()).put("value", c.value());
        }
      }
      case SoftwareUpgrade u -> out.put("name", u.name()).put("version", u.version())
          .put("release", u.release().toHex()).put("height", u.height());
      case CancelUpgrade c -> out.put("name", c.name());
      case CommunitySpend s -> out.put("recipient", s.recipient().toString())
          .put("amount", Amount.format(s.units()));
      case Text t -> {
        // a text proposal is its title and description
      }
    }
    return out;
  }
}
