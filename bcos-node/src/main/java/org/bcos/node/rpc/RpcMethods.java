package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.node.ConsensusService;
import org.bcos.node.NetworkService;
import org.bcos.ledger.FinalTx;
import org.bcos.ledger.block.Block;
import org.bcos.node.Ingress;
import org.bcos.node.NodeMetrics;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/** The JSON-RPC methods (documented in docs/RPC.md). Parameters are positional arrays. */
public final class RpcMethods {
  private final Ledger ledger;
  private final Mempool mempool;
  private final Ingress ingress;
  private final NodeMetrics metrics;
  private final int maxBatch;
  private final String version;
  private final DvsRpcMethods dvs;
  private volatile ConsensusService consensus;
  private volatile NetworkService network;

  public RpcMethods(Ledger ledger, Mempool mempool, Ingress ingress, NodeMetrics metrics,
      int maxBatch, String version) {
    this.ledger = ledger;
    this.mempool = mempool;
    this.ingress = ingress;
    this.metrics = metrics;
    this.maxBatch = maxBatch;
    this.version = version;
    this.dvs = new DvsRpcMethods(ledger);
  }

  /** Adds consensus and P2P to what {@code bcos_status} shows (either may be null). */
  public void attach(ConsensusService consensus, NetworkService network) {
    this.consensus = consensus;
    this.network = network;
  }

  /**
   * Runs one call, charging {@code budget} for its work (docs/RPC.md lists the bounds of every
   * method).
   */
  JsonNode call(String method, Params params, WorkBudget budget) {
    metrics.rpcRequest();
    return switch (method) {
      case "bcos_chainId" -> chainId(params.atMost(0));
      case "bcos_status" -> status(params.atMost(0));
      case "bcos_getAccount" -> getAccount(params.atMost(2), budget);
      case "bcos_sendRawTransaction" -> sendRawTransaction(params.atMost(1), budget);
      case "bcos_sendRawTransactions" -> sendRawTransactions(params.atMost(1), budget);
      case "bcos_getTransaction" -> getTransaction(params.atMost(1));
      case "bcos_getBlock" -> getBlock(params.atMost(2), budget);
      default -> method.startsWith("dvs_") ? dvs.call(method, params, budget)
          : throwUnknown(method);
    };
  }

  private static JsonNode throwUnknown(String method) {
    throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND",
          "no method named '" + method + "'");
  }

  private ObjectNode chainId(Params unused) {
    return chainId();
  }

  private ObjectNode chainId() {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("chainId", ledger.params().chainId());
    n.put("genesisHash", ledger.genesisHash().toHex());
    return n;
  }

  private ObjectNode status(Params unused) {
    Block head = ledger.head();
    ObjectNode n = chainId();
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
      var cert = org.bcos.consensus.CommitCertificate.decode(c, ValidatorPower.MAX_SET_SIZE);
      n.putObject("lastCommit").put("height", cert.height()).put("round", cert.round())
          .put("signers", cert.signatures().size());
    });
    var consensus = this.consensus;
    if (consensus != null) {
      var st = consensus.status();
      n.putObject("consensus").put("height", st.height()).put("round", st.round())
          .put("step", st.step()).put("validators", st.validators())
          .put("totalPower", st.totalPower()).put("lastCommitRound", st.lastCommitRound())
          .put("lastCommitSigners", st.lastCommitSigners());
    }
    n.put("mempoolTxs", mempool.size());
    n.put("mempoolBytes", mempool.bytes());
    n.put("signatureVerifier", ledger.signatures().verifierName());
    n.put("minFeeUnits", Long.toString(ledger.params().minFeeUnits()));
    JsonViews.amount(n, "minFee", ledger.params().minFeeUnits());
    // how far ahead of its committed nonce a sender may queue: clients size their bursts by it
    n.put("maxNonceGap", ledger.params().maxNonceGap());
    n.put("nodeVersion", version);
    return n;
  }

  private ObjectNode getAccount(Params params, WorkBudget budget) {
    Address address = params.address(0, "address");
    boolean withProof = params.flag(1, "withProof", false);
    budget.charge(RpcCosts.ACCOUNT_PROOF);
    Ledger.AccountProof proof = ledger.proveAccount(address);
    long committedNonce = proof.account().map(a -> a.nonce()).orElse(0L);
    return JsonViews.account(proof, address.toString(),
        mempool.pendingNonce(address, committedNonce), withProof);
  }

  private ObjectNode sendRawTransaction(Params params, WorkBudget budget) {
    String hex = params.text(0, "transaction hex");
    budget.charge(RpcCosts.TX_SUBMIT);
    Ingress.Result r = ingress.submitHex(hex);
    if (!r.verdict().ok()) {
      metrics.rejected(r.verdict().rejection());
      throw RpcException.rejected(r.verdict());
    }
    metrics.admitted();
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("hash", r.hash().toHex());
    return n;
  }

  private ArrayNode sendRawTransactions(Params params, WorkBudget budget) {
    JsonNode list = params.array(0, "transactions", maxBatch);
    List<String> hexes = new ArrayList<>(list.size());
    for (JsonNode h : list) hexes.add(Params.textValue(h, "each transaction"));
    budget.charge((long) RpcCosts.TX_SUBMIT * hexes.size());
    ArrayNode out = JsonViews.JSON.createArrayNode();
    for (Ingress.Result r : ingress.submitAllHex(hexes)) {
      ObjectNode n = out.addObject();
      if (r.hash() != null) n.put("hash", r.hash().toHex());
      n.put("accepted", r.verdict().ok());
      if (r.verdict().ok()) {
        metrics.admitted();
      } else {
        metrics.rejected(r.verdict().rejection());
        n.put("code", r.verdict().rejection().code());
        n.put("reason", r.verdict().rejection().name());
        n.put("message", r.verdict().message());
      }
    }
    return out;
  }

  private ObjectNode getTransaction(Params params) {
    Hash hash = params.hash(0, "transaction hash");
    Optional<FinalTx> found = ledger.finalTransaction(hash);
    if (found.isPresent()) return JsonViews.transaction(found.get());
    Optional<Transaction> pending = mempool.get(hash);
    if (pending.isPresent()) return JsonViews.transaction(pending.get(), Optional.empty(), null);
    var dropped = mempool.dropped(hash).orElseThrow(
        () -> RpcException.notFound("no transaction " + hash.toHex() + " is pending or final"));
    ObjectNode n = JsonViews.JSON.createObjectNode().put("hash", hash.toHex())
        .put("status", "dropped").put("code", dropped.rejection().code())
        .put("reason", dropped.rejection().name()).put("message", dropped.message());
    return n;
  }

  private ObjectNode getBlock(Params params, WorkBudget budget) {
    boolean full = params.flag(1, "fullTransactions", false);
    Optional<Block> block = blockByRef(params);
    Block b = block.orElseThrow(() -> RpcException.notFound("no block " + params.raw(0)));
    budget.charge((long) RpcCosts.BLOCK_TX * b.transactions().size());
    return JsonViews.block(b, full);
  }

  /** {@code "latest"} (or absent), a block hash (64 hex digits), or a height. */
  private Optional<Block> blockByRef(Params params) {
    if (!params.has(0)) return Optional.of(ledger.head());
    JsonNode ref = params.raw(0);
    if (ref.isTextual() && ref.asText().equals("latest")) return Optional.of(ledger.head());
    if (ref.isTextual() && ref.asText().length() == 2 * Hash.LENGTH) {
      return ledger.block(params.hash(0, "block hash"));
    }
    return ledger.block(params.uint(0, "height"));
  }
}
