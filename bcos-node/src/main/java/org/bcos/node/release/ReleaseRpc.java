package org.bcos.node.release;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.node.NetworkService;

/**
 * The release store's part of the node's API, joined to the ledger modules' methods in one place
 * (the node and its RPC test fixture alike): {@code upgrade_status} completed with {@code
 * releaseStored}, and {@code upgrade_fetch}.
 */
public final class ReleaseRpc {
  private final List<RpcMethod> moduleMethods;
  private final UpgradeFetchMethod fetch;

  private ReleaseRpc(List<RpcMethod> moduleMethods, UpgradeFetchMethod fetch) {
    this.moduleMethods = moduleMethods;
    this.fetch = fetch;
  }

  /** The ledger's module methods with the release methods, over {@code releases}. */
  public static ReleaseRpc of(Ledger ledger, NodeReleases releases) {
    UpgradeFetchMethod fetch = new UpgradeFetchMethod(releases);
    List<RpcMethod> methods = new ArrayList<>(ReleaseStatusMethod.wrap(
        ledger.modules().rpcMethods(ledger), releases.store()));
    methods.add(fetch);
    return new ReleaseRpc(List.copyOf(methods), fetch);
  }

  /** The module methods, release methods included. */
  public List<RpcMethod> moduleMethods() {
    return moduleMethods;
  }

  /** Lets {@code upgrade_fetch} fetch from peers (null: the node has no P2P). */
  public void attach(NetworkService network) {
    fetch.attach(network);
  }
}
