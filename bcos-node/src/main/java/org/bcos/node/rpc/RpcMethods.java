package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.stake.ValidatorPower;
import org.bcos.node.ConsensusService;
import org.bcos.node.NetworkService;
import org.bcos.ledger.TxLocation;
import org.bcos.ledger.block.Block;
import org.bcos.node.Ingress;
import org.bcos.node.NodeMetrics;
import org.bcos.node.mempool.Mempool;
import org.bcos.types.Address;
import org.bcos.types.Bech32m;
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

  public JsonNode call(String method, JsonNode params) {
    metrics.rpcRequest();
    return switch (method) {
      case "bcos_chainId" -> chainId();
      case "bcos_status" -> status();
      case "bcos_getAccount" -> getAccount(params);
      case "bcos_sendRawTransaction" -> sendRawTransaction(params);
      case "bcos_sendRawTransactions" -> sendRawTransactions(params);
      case "bcos_getTransaction" -> getTransaction(params);
      case "bcos_getBlock" -> getBlock(params);
      default -> method.startsWith("dvs_") ? dvs.call(method, params) : throwUnknown(method);
    };
  }

  private static JsonNode throwUnknown(String method) {
    throw new RpcException(RpcException.METHOD_NOT_FOUND, "METHOD_NOT_FOUND",
          "no method named '" + method + "'");
  }

  private ObjectNode chainId() {
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("chainId", ledger.params().chainId());
    n.put("genesisHash", ledger.genesisHash().toHex());
    return n;
  }

  private ObjectNode status() {
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
    n.put("nodeVersion", version);
    return n;
  }

  private ObjectNode getAccount(JsonNode params) {
    Address address = address(param(params, 0, "address"));
    boolean withProof = params.size() > 1 && params.get(1).asBoolean(false);
    Ledger.AccountProof proof = ledger.proveAccount(address);
    long committedNonce = proof.account().map(a -> a.nonce()).orElse(0L);
    return JsonViews.account(proof, address.toString(),
        mempool.pendingNonce(address, committedNonce), withProof);
  }

  private ObjectNode sendRawTransaction(JsonNode params) {
    Ingress.Result r = ingress.submitHex(text(param(params, 0, "transaction hex")));
    if (!r.verdict().ok()) {
      metrics.rejected(r.verdict().rejection());
      throw RpcException.rejected(r.verdict());
    }
    metrics.admitted();
    ObjectNode n = JsonViews.JSON.createObjectNode();
    n.put("hash", r.hash().toHex());
    return n;
  }

  private ArrayNode sendRawTransactions(JsonNode params) {
    JsonNode list = param(params, 0, "array of transaction hex");
    if (!list.isArray()) throw RpcException.invalidParams("parameter 0 must be an array");
    if (list.size() > maxBatch) {
      throw new RpcException(RpcException.LIMIT_EXCEEDED, "LIMIT_EXCEEDED",
          "at most " + maxBatch + " transactions per call");
    }
    List<String> hexes = new ArrayList<>(list.size());
    for (JsonNode h : list) hexes.add(text(h));
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

  private ObjectNode getTransaction(JsonNode params) {
    Hash hash = hash(param(params, 0, "transaction hash"));
    Optional<TxLocation> location = ledger.txLocation(hash);
    if (location.isPresent()) {
      Block block = ledger.block(location.get().height()).orElseThrow();
      Transaction tx = block.transactions().get(location.get().index());
      return JsonViews.transaction(tx, location, block);
    }
    Optional<Transaction> pending = mempool.get(hash);
    if (pending.isPresent()) return JsonViews.transaction(pending.get(), Optional.empty(), null);
    var dropped = mempool.dropped(hash).orElseThrow(
        () -> RpcException.notFound("no transaction " + hash.toHex() + " is pending or final"));
    ObjectNode n = JsonViews.JSON.createObjectNode().put("hash", hash.toHex())
        .put("status", "dropped").put("code", dropped.rejection().code())
        .put("reason", dropped.rejection().name()).put("message", dropped.message());
    return n;
  }

  private ObjectNode getBlock(JsonNode params) {
    JsonNode which = params.size() > 0 ? params.get(0) : JsonViews.JSON.getNodeFactory()
        .textNode("latest");
    boolean full = params.size() > 1 && params.get(1).asBoolean(false);
    Optional<Block> block;
    if (which.isIntegralNumber()) {
      block = ledger.block(which.asLong());
    } else if (which.asText().equals("latest")) {
      block = Optional.of(ledger.head());
    } else if (which.asText().matches("\\d{1,19}")) {
      block = ledger.block(Long.parseLong(which.asText()));
    } else {
      block = ledger.block(hash(which));
    }
    return JsonViews.block(block.orElseThrow(
        () -> RpcException.notFound("no block " + which.asText())), full);
  }

  private static JsonNode param(JsonNode params, int index, String what) {
    if (params == null || !params.isArray() || params.size() <= index) {
      throw RpcException.invalidParams("missing parameter " + index + ": " + what);
    }
    return params.get(index);
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) throw RpcException.invalidParams("expected a string, got " + node);
    return node.asText();
  }

  private static Address address(JsonNode node) {
    try {
      return Address.parse(text(node));
    } catch (Bech32m.Bech32mException e) {
      throw RpcException.invalidParams("invalid address: " + e.getMessage());
    }
  }

  private static Hash hash(JsonNode node) {
    try {
      return Hash.fromHex(text(node));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("invalid hash: " + e.getMessage());
    }
  }
}
