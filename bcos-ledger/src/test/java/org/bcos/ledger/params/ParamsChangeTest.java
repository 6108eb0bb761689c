package org.bcos.ledger.params;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.sign;
import static org.bcos.ledger.LedgerFixtures.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.params.api.ParamsRejection;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Chain parameters are state and change only through {@link ParamsApi}, which checks each
 * parameter's declared bounds. Governance (#11) will call the api; here a small test module does,
 * registered beside the chain's own modules (which also shows a module added on the SPI alone).
 */
class ParamsChangeTest {
  /** A governance stand-in: sets one parameter from the next block on. */
  record SetParam(String name, long value) implements Message {
    static final int TAG = 250;

    @Override
    public int tag() {
      return TAG;
    }

    @Override
    public void encodeFields(Encoder e) {
      e.string(name).u64(value);
    }
  }

  /** The module carrying {@link SetParam}; it has no state of its own. */
  static final class TestGovernance implements LedgerModule {
    @Override
    public String name() {
      return "testgov";
    }

    @Override
    public ModuleSchema schema() {
      return ModuleSchema.v1(List.of());
    }

    @Override
    public List<MessageType<?>> messages() {
      return List.of(new MessageType<>(SetParam.TAG, "testgov.setParam", SetParam.class,
          d -> new SetParam(d.string(64), d.u64()), MessageHandlers.paid((ctx, tx, m) ->
              ctx.api(ParamsApi.class).change(m.name(), m.value(), ctx.height() + 1))));
    }

    @Override
    public List<? extends Rejection> rejections() {
      return List.of();
    }
  }

  private static final Ed25519KeyPair GOV = key(7);
  private static final Ed25519KeyPair PAYER = key(8);

  private Ledger ledger;
  private long nonce;
  private long time = GENESIS_TIME;

  @BeforeEach
  void openChainWithTestGovernance() {
    List<LedgerModule> modules = new ArrayList<>(Modules.STANDARD.modules());
    modules.add(new TestGovernance());
    Genesis genesis = LedgerFixtures.genesis(List.of(GOV, PAYER));
    ledger = Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier(),
        new ModuleRegistry(modules));
  }

  private BlockResult block(Transaction... txs) {
    time += 1_000;
    return ledger.buildBlock(List.of(txs), VALIDATOR, time);
  }

  private Transaction setParam(String name, long value) {
    return sign(GOV, nonce++, MIN_FEE, 1_000, new SetParam(name, value));
  }

  @Test
  void aChangeTakesEffectFromTheNextBlockAndEveryEarlierValueStaysReadable() {
    long doubled = 2 * MIN_FEE;
    BlockResult set = block(setParam(ChainParams.MIN_FEE_UNITS.name(), doubled));
    assertTrue(set.skipped().isEmpty(), () -> set.skipped().toString());
    long changedIn = ledger.head().height();
    assertEquals(doubled, ledger.params().minFeeUnits(), "governs the next block");
    assertEquals(MIN_FEE, ledger.paramsAt(changedIn).get("minFeeUnits"), "the block itself ran "
        + "under the old value");
    assertEquals(MIN_FEE, ledger.paramsAt(0).get("minFeeUnits"), "genesis value");
    assertEquals(doubled, ledger.paramsAt(changedIn + 1).get("minFeeUnits"));

    // a transfer paying the old minimum is now refused by name, one paying the new one passes
    Transaction cheap = transfer(PAYER, GOV.address(), 1, 0, MIN_FEE, 1_000);
    var refused = ledger.processor().checkStateless(cheap);
    assertEquals(TxRejection.FEE_TOO_LOW, refused.rejection());
    // users read DDC, not base units
    assertTrue(refused.detail().startsWith("the minimum fee is "
        + org.bcos.types.Amount.format(doubled) + " DDC"), refused.detail());
    BlockResult paid = block(cheap, transfer(PAYER, GOV.address(), 1, 0, doubled, 1_000));
    assertEquals(1, paid.block().transactions().size());
    assertEquals(TxRejection.FEE_TOO_LOW, paid.skipped().get(0).verdict().rejection());
  }

  @Test
  void aModuleParameterChangesTheModulesRule() {
    block(setParam(StakeModule.SLASH_PERCENT.name(), 25));
    assertEquals(25, ledger.params().value("slashPercent"));
  }

  @Test
  void outOfBoundsAndUnknownParametersAreRefusedByNameAndChangeNothing() {
    Hash before = ledger.head().header().stateRoot();
    BlockResult tooHigh = block(setParam("maxTxsPerBlock", 100_001));
    assertEquals(ParamsRejection.PARAM_OUT_OF_RANGE,
        tooHigh.skipped().get(0).verdict().rejection());
    nonce--; // the refused transaction used no nonce
    BlockResult unknown = block(setParam("noSuchParam", 1));
    assertEquals(ParamsRejection.UNKNOWN_PARAM, unknown.skipped().get(0).verdict().rejection());
    assertEquals(before, ledger.head().header().stateRoot(), "nothing written");
    assertEquals(ChainParams.defaults("x").values(), withoutModuleParams(ledger.params()));
  }

  @Test
  void aParameterOfALaterProtocolVersionIsNeitherWrittenNorChangeable() {
    assertFalse(ledger.paramsAt(0).containsKey("unbondingPeriodBlocks"), "not at genesis");
    Hash before = ledger.head().header().stateRoot();
    BlockResult refused = block(setParam("unbondingPeriodBlocks", 10));
    assertEquals(ParamsRejection.UNKNOWN_PARAM, refused.skipped().get(0).verdict().rejection());
    assertTrue(refused.skipped().get(0).verdict().detail().contains("not in force"));
    assertEquals(before, ledger.head().header().stateRoot(), "nothing written");
  }

  @Test
  void aGenesisSettingAParameterOfALaterProtocolVersionIsRefused() {
    ChainParams staking = ChainParams.defaults(LedgerFixtures.CHAIN_ID)
        .with("unbondingPeriodBlocks", 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LedgerFixtures.openInMemory(LedgerFixtures.genesis(staking, List.of(GOV))));
    assertTrue(e.getMessage().contains("not in force at protocol version 2"), e.getMessage());
  }

  @Test
  void aBlockHoldsNoMoreTransactionsThanTheParameterAllows() {
    block(setParam("maxTxsPerBlock", 2));
    List<Transaction> five = new ArrayList<>();
    for (int i = 0; i < 5; i++) five.add(transfer(PAYER, GOV.address(), 1, i, MIN_FEE, 1_000));
    assertEquals(2, block(five.toArray(Transaction[]::new)).block().transactions().size());
  }

  @Test
  void aGenesisSettingAnUnknownParameterOrOneOutOfBoundsIsRefused() {
    ChainParams unknown = ChainParams.defaults(LedgerFixtures.CHAIN_ID).with("noSuchParam", 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LedgerFixtures.openInMemory(LedgerFixtures.genesis(unknown, List.of(GOV))));
    assertTrue(e.getMessage().contains("noSuchParam"), e.getMessage());
    ChainParams tooHigh = ChainParams.defaults(LedgerFixtures.CHAIN_ID).with("slashPercent", 101);
    e = assertThrows(IllegalArgumentException.class,
        () -> LedgerFixtures.openInMemory(LedgerFixtures.genesis(tooHigh, List.of(GOV))));
    assertTrue(e.getMessage().contains("slashPercent (0..100), got 101"), e.getMessage());
  }

  private static java.util.Map<String, Long> withoutModuleParams(ChainParams p) {
    java.util.Map<String, Long> core = new java.util.TreeMap<>();
    for (var spec : ChainParams.CORE) core.put(spec.name(), p.value(spec.name()));
    return core;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
