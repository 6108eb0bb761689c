package org.bcos.node.release;

import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.node.NetworkService;
import org.bcos.p2p.ReleaseExchange;

/**
 * {@code upgrade_fetch}: starts (or reports) the fetch of the scheduled upgrade's release artifact
 * from peers, and answers where it is. It takes no argument: the node fetches only the release the
 * chain voted (the scheduled plan's, else the first planned one's), into its release store, kept
 * only on the voted hash. So, like every query, it needs no caller privilege: the worst any caller
 * can do is make the node fetch, once, what it will need anyway.
 */
public final class UpgradeFetchMethod extends AbstractRpcMethod {
  /** The node has no P2P (a dev chain): no peers to fetch from. */
  static final int P2P_DISABLED = -32046;
  /** No scheduled or planned upgrade: no release to fetch. */
  static final int NO_RELEASE_TO_FETCH = -32047;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("upgrade_fetch",
      "Fetch the scheduled upgrade's release artifact from peers; returns the fetch's progress.",
      "Starts the fetch when none runs (one at a time; a fetch of a release no longer wanted is "
          + "dropped) and answers its state: WAITING_FOR_PEERS (no connected peer announced the "
          + "artifact), FETCHING (chunksDone of chunks, from peers) or STORED (verified: its "
          + "SHA-256 is the plan's release, in <data>/releases/<sha256>). Call again to follow "
          + "it. problem names the last failure (RELEASE_HASH_MISMATCH: the peers that sent "
          + "other bytes are penalised and no longer asked).",
      List.of(),
      new RpcResult("fetch", object().field("name", string()).field("version", uint())
          .field("release", hash()).field("state", oneOfText("WAITING_FOR_PEERS", "FETCHING",
              "STORED")).field("size", uint()).field("chunksDone", uint())
          .field("chunks", uint()).field("peers", uint()).optional("problem", string()).build()),
      List.of(new RpcFailure(P2P_DISABLED, "P2P_DISABLED", "the node runs without P2P"),
          new RpcFailure(NO_RELEASE_TO_FETCH, "NO_RELEASE_TO_FETCH",
              "no upgrade is scheduled or planned")));

  private final NodeReleases releases;
  private volatile ReleaseExchange exchange;

  public UpgradeFetchMethod(NodeReleases releases) {
    super(SPEC);
    this.releases = releases;
  }

  /** The node's P2P service, once started (null: the node has none). */
  public void attach(NetworkService network) {
    this.exchange = network == null ? null : network.releaseExchange().orElse(null);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    budget.charge(1);
    UpgradePlan plan = releases.wanted().orElseThrow(() -> new RpcException(NO_RELEASE_TO_FETCH,
        "NO_RELEASE_TO_FETCH", "no upgrade is scheduled or planned: there is no release to "
            + "fetch"));
    ReleaseExchange p2p = exchange;
    ReleaseExchange.Status s;
    if (p2p == null) {
      if (!releases.store().has(plan.release())) {
        throw new RpcException(P2P_DISABLED, "P2P_DISABLED", "this node runs without P2P, so "
            + "it has no peers to fetch from; use bcos upgrade fetch --from-file or --from-url");
      }
      long size = releases.store().size(plan.release());
      s = new ReleaseExchange.Status(plan.release(), ReleaseExchange.State.STORED, size, 0, 0, 0,
          "");
    } else {
      s = p2p.fetch(plan.release(), System.currentTimeMillis());
      if (!s.release().equals(plan.release())) {
        p2p.cancel(); // the plan changed since that fetch began
        s = p2p.fetch(plan.release(), System.currentTimeMillis());
      }
    }
    var out = RpcJson.object().put("name", plan.name()).put("version", plan.version())
        .put("release", plan.release().toHex()).put("state", s.state().name())
        .put("size", s.size()).put("chunksDone", s.chunksDone()).put("chunks", s.chunks())
        .put("peers", s.peers());
    if (!s.problem().isEmpty()) out.put("problem", s.problem());
    return out;
  }
}
