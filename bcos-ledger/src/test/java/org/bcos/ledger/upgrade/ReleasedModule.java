package org.bcos.ledger.upgrade;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Address;
import org.bcos.types.tx.Rejection;

/**
 * A module as an older release shipped it: the same module without the parameters and messages
 * of protocol versions newer than {@code latest} (that release could not declare them: the
 * registry refuses a parameter or message of a version the software does not ship). Everything else is the module's own.
 */
record ReleasedModule(LedgerModule module, int latest) implements LedgerModule {
  @Override
  public String name() {
    return module.name();
  }

  @Override
  public ModuleSchema schema() {
    return module.schema();
  }

  @Override
  public List<MessageType<?>> messages() {
    return module.messages().stream().filter(t -> t.sinceVersion() <= latest).toList();
  }

  @Override
  public List<? extends Rejection> rejections() {
    return module.rejections();
  }

  @Override
  public List<ParamSpec> params() {
    return module.params().stream().filter(p -> p.sinceVersion() <= latest).toList();
  }

  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    module.initGenesis(genesis, ctx);
  }

  @Override
  public void activate(TxContext ctx) {
    module.activate(ctx);
  }

  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    return module.endBlock(ctx);
  }

  @Override
  public List<Holding> holdings() {
    return module.holdings();
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return module.apis();
  }

  @Override
  public Optional<Address> feeCollector(ProtocolRules rules) {
    return module.feeCollector(rules);
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return module.rpc();
  }

  @Override
  public NavigableMap<Long, List<ValidatorPower>> recordedValidatorSets(KeyValueStore store) {
    return module.recordedValidatorSets(store);
  }
}
