package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.consensus.CommitCertificate;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.ConsensusService;
import org.bcos.node.NetworkService;
import org.bcos.node.mempool.Mempool;

/**
 * {@code bcos_status}: the head, validator set, consensus progress, mempool and chain limits.
 * Consensus and P2P are attached once started (either may be absent).
 */
final class BcosStatusMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_status",
      "The node's head block, validators, consensus progress, mempool and chain limits.",
      "consensus is present on validators only; lastCommit once the head has a commit"
          + " certificate. maxNonceGap is how far ahead of its committed nonce a sender may"
          + " queue transactions.",
      List.of(), new RpcResult("status", schema()), List.of());
  private final Ledger ledger;
  private final Mempool mempool;
  private final String version;
  private volatile ConsensusService consensus;
  private volatile NetworkService network;

  BcosStatusMethod(Ledger ledger, Mempool mempool, String version) {
    super(SPEC);
    this.ledger = ledger;
    this.mempool = mempool;
    this.version = version;
  }

  void attach(ConsensusService consensus, NetworkService network) {
    this.consensus = consensus;
    this.network = network;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    Block head = ledger.head();
    ObjectNode n = BcosChainIdMethod.chainId(ledger);
    n.put("height", head.height());
    n.put("headHash", head.hash().toHex());
    n.put("headTimeMillis", head.header().timeMillis());
    n.put("proposer", head.header().proposer().toString());
    var validators = n.putArray("validators");
    for (var v : ledger.validatorSetAt(head.height() + 1)) {
      validators.addObject().put("address", v.address().toString()).put("power", v.power());
    }
    var network = this.network;
    n.put("peers", network == null ? 0 : network.peerManager().peers().size());
    ledger.commitCertificate(head.height()).filter(c -> c.length > 0).ifPresent(c -> {
      var cert = CommitCertificate.decode(c, ValidatorPower.MAX_SET_SIZE);
      n.putObject("lastCommit").put("height", cert.height()).put("round", cert.round())
          .put("signers", cert.signatures().size());
    });
    consensus(n);
    n.put("mempoolTxs", mempool.size());
    n.put("mempoolBytes", mempool.bytes());
    n.put("signatureVerifier", ledger.signatures().verifierName());
    n.put("minFeeUnits", Long.toString(ledger.params().minFeeUnits()));
    RpcJson.amount(n, "minFee", ledger.params().minFeeUnits());
    // how far ahead of its committed nonce a sender may queue: clients size their bursts by it
    n.put("maxNonceGap", ledger.params().maxNonceGap());
    n.put("nodeVersion", version);
    return n;
  }

  private void consensus(ObjectNode n) {
    var consensus = this.consensus;
    if (consensus == null) return;
    var st = consensus.status();
    n.putObject("consensus").put("height", st.height()).put("round", st.round())
        .put("step", st.step()).put("validators", st.validators())
        .put("totalPower", st.totalPower()).put("lastCommitRound", st.lastCommitRound())
        .put("lastCommitSigners", st.lastCommitSigners());
  }

  private static ObjectNode schema() {
    return object().fieldsOf(CoreSchemas.chainId()).field("height", uint())
        .field("headHash", hash()).field("headTimeMillis", uint()).field("proposer", address())
        .field("validators", array(object().field("address", address())
            .field("power", uint()).build()))
        .field("peers", uint())
        .optional("lastCommit", object().field("height", uint()).field("round", uint())
            .field("signers", uint()).build())
        .optional("consensus", object().field("height", uint()).field("round", uint())
            .field("step", string()).field("validators", uint()).field("totalPower", uint())
            .field("lastCommitRound", uint()).field("lastCommitSigners", uint()).build())
        .field("mempoolTxs", uint()).field("mempoolBytes", uint())
        .field("signatureVerifier", string()).amountField("minFee")
        .field("maxNonceGap", uint()).field("nodeVersion", string()).build();
  }
}
