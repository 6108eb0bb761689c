package org.bcos.ledger.params;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.params.api.ParamsRejection;
import org.bcos.ledger.params.rpc.ParamsRpc;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.types.tx.Rejection;

/**
 * The params module (Cosmos' {@code x/params}): keeps every chain parameter any module declares in
 * state, from genesis on, with its history, so each block runs under the values all nodes agree
 * on and any height's values can be read back. It declares the ledger core's parameters ({@link
 * ChainParams#CORE}). It has no messages of its own: governance changes parameters through {@link
 * ParamsApi}, which checks each parameter's declared bounds.
 */
public final class ParamsModule implements LedgerModule {
  @Override
  public String name() {
    return "params";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(List.of(ParamsStore.VALUES));
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of();
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(ParamsRejection.values());
  }

  @Override
  public List<ParamSpec> params() {
    return ChainParams.CORE;
  }

  /**
   * Writes, at height 0, every parameter in force under the genesis' protocol version (declared
   * by a module active under it, existing from that version on): the genesis' value where it sets
   * one, else the declared default. A genesis value for any other parameter, or outside its
   * bounds, is refused. (A parameter a later version brings is written at its activation height.)
   */
  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    ParamsStore store = (ParamsStore) ctx.api(ParamsApi.class);
    Map<String, Long> given = genesis.params().values();
    List<ParamSpec> active = ctx.rules().params(ctx.registry());
    for (String name : given.keySet()) {
      ParamSpec spec = active.stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("genesis sets a chain parameter not "
              + "in force at protocol version " + ctx.rules() + ": " + name));
      ChainParams.check(spec, given.get(name));
    }
    for (ParamSpec spec : active) {
      store.put(spec.name(), 0, given.getOrDefault(spec.name(), spec.genesisDefault()));
    }
  }


  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(ParamsApi.class, ParamsStore::new));
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new ParamsRpc());
  }
}
