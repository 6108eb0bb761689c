package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.integer;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcParam;

/** JSON schemas of the DVS shapes ({@link DvsJson}), for the methods' OpenRPC entries. */
final class DvsSchemas {
  private DvsSchemas() {}

  static RpcParam issueId() {
    return RpcParam.required("issue", JsonSchemas.uintParam(), "the issue id");
  }

  /** A tally or final result ({@link DvsJson#tally}). */
  static ObjectNode tally() {
    return object().field("issue", uint()).field("height", uint()).field("final", bool())
        .field("outcome", string()).field("totals", array(integer()))
        .field("winners", array(integer())).field("electorateWeight", uint())
        .field("countedWeight", uint()).field("turnoutBps", uint()).field("ballots", uint())
        .field("quorumMet", bool()).field("ballotsRoot", hash())
        .field("unverifiedIdentity", bool()).field("action", string())
        .field("regions", array(object().field("region", string()).field("members", uint())
            .field("weight", uint()).field("firstChoices", array(integer()))
            .optional("electorateMembers", uint()).optional("electorateWeight", uint())
            .optional("turnoutBps", uint()).build()))
        .optional("regionsWithoutVotes", array(object().field("region", string())
            .field("electorateMembers", uint()).field("electorateWeight", uint()).build()))
        .build();
  }

  /** The ballot parts of a voter ({@link DvsJson#parts}). */
  static ObjectNode parts() {
    return array(object().field("weight", uint()).field("values", array(integer())).build());
  }

  static ObjectNode rules() {
    return object().field("method", string()).field("quorumBps", uint())
        .field("thresholdBps", uint()).field("vetoBps", uint()).field("maxScore", uint())
        .field("voiceCredits", uint()).build();
  }

  static ObjectNode communityParams() {
    return object().field("electorate", JsonSchemas.oneOfText(DvsJson.ELECTORATES))
        .field("admissionBlocks", uint()).field("discussionBlocks", uint())
        .field("verificationBlocks", uint()).field("votingBlocks", uint())
        .field("issueQuorumBps", uint()).field("initiativeQuorumBps", uint())
        .field("maxChainLength", uint()).field("minCellSize", uint())
        .field("powDifficultyBits", uint()).field("delegationInSupport", bool()).build();
  }
}
