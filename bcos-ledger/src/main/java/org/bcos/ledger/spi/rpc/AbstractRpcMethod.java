package org.bcos.ledger.spi.rpc;

/** A method whose spec is fixed when it is made: subclasses only implement {@link #call}. */
public abstract class AbstractRpcMethod implements RpcMethod {
  private final RpcMethodSpec spec;

  protected AbstractRpcMethod(RpcMethodSpec spec) {
    this.spec = java.util.Objects.requireNonNull(spec, "spec");
  }

  @Override
  public final RpcMethodSpec spec() {
    return spec;
  }
}
