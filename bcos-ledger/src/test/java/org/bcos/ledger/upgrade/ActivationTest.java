package org.bcos.ledger.upgrade;

import static org.bcos.ledger.upgrade.UpgradeChain.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.ProtocolVersions;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * A module with a parameter and state, activated by an upgrade on a chain that started without it
 * (an existing chain at the default version gaining a module, as the gov module's version will):
 * from the activation height its parameter is in state at its default and its initial state is
 * written before the block's transactions; before it, neither exists and its messages are
 * refused by name. A chain that starts at the version has both from genesis instead.
 */
class ActivationTest {
  private static final Column FEATURE = new Column(249, "testfeature_state");
  private static final byte[] ACTIVATED_KEY = {1};
  private static final byte[] USES_KEY = {2};
  private static final ParamSpec LIMIT = new ParamSpec("testFeatureLimit", 0, 100, 7,
      ParamSpec.Unit.COUNT, "Test only: how many uses the feature allows.");
  private static final long ACTIVATION = 3;
  /** The test's version: the newest the software ships plus the test feature. */
  private static final int TEST_VERSION = Modules.VERSIONS.latest().version() + 1;
  /** A parameter the test version adds to a module every version runs. */
  private static final ParamSpec LATE = new ParamSpec("testLateLimit", 0, 50, 5,
      ParamSpec.Unit.COUNT, "Test only: a parameter introduced by the test version.")
      .since(TEST_VERSION);

  /** A module active in every version, one of whose parameters only the test version brings. */
  static final class TestOld implements LedgerModule {
    private final List<ParamSpec> params;

    TestOld(List<ParamSpec> params) {
      this.params = params;
    }

    @Override
    public String name() {
      return "testold";
    }

    @Override
    public ModuleSchema schema() {
      return ModuleSchema.v1(List.of());
    }

    @Override
    public List<ParamSpec> params() {
      return params;
    }

    @Override
    public List<MessageType<?>> messages() {
      return List.of();
    }

    @Override
    public List<? extends Rejection> rejections() {
      return List.of();
    }
  }

  /** Uses the feature (it reads its parameter). */
  record Use() implements Message {
    static final int TAG = 239;

    @Override
    public int tag() {
      return TAG;
    }

    @Override
    public void encodeFields(Encoder e) {}
  }

  /** The module an upgrade activates: a parameter, a column, an activation and a message. */
  static final class TestFeature implements LedgerModule {
    @Override
    public String name() {
      return "testfeature";
    }

    @Override
    public ModuleSchema schema() {
      return ModuleSchema.v1(List.of(FEATURE));
    }

    @Override
    public List<ParamSpec> params() {
      return List.of(LIMIT);
    }

    /** Records the height and the limit it saw: proof the parameter existed already. */
    @Override
    public void activate(TxContext ctx) {
      ctx.state().put(FEATURE, ACTIVATED_KEY, new Encoder(16).u64(ctx.height())
          .u64(ctx.param(LIMIT.name())).toByteArray());
    }

    @Override
    public List<MessageType<?>> messages() {
      return List.of(new MessageType<>(Use.TAG, "testfeature.use", Use.class, d -> new Use(),
          MessageHandlers.paid((ctx, tx, m) -> use(ctx))));
    }

    /** Records the limit the block sees (reading a parameter that is not in state would throw). */
    private static Verdict use(TxContext ctx) {
      ctx.state().put(FEATURE, USES_KEY, new Encoder(8).u64(ctx.param(LIMIT.name()))
          .toByteArray());
      return Verdict.OK;
    }

    @Override
    public List<? extends Rejection> rejections() {
      return List.of();
    }
  }

  /**
   * The chain's versions with the governance stand-in and {@code testold}, plus the test version
   * = the newest + testfeature (and {@link #LATE}).
   */
  private static ModuleRegistry registry() {
    return registry(new TestOld(List.of(LATE)), true);
  }

  private static ModuleRegistry registry(TestOld old, boolean withTestVersion) {
    List<ProtocolRules> versions = new ArrayList<>();
    for (ProtocolRules r : Modules.VERSIONS.all()) {
      versions.add(r.plus(r.version(), r.name(), "testgov", "testold"));
    }
    if (withTestVersion) {
      versions.add(versions.getLast().plus(TEST_VERSION, "feature", "testfeature"));
    }
    List<LedgerModule> modules = new ArrayList<>(Modules.STANDARD.modules());
    modules.add(new UpgradeChain.TestGovernance());
    modules.add(old);
    if (withTestVersion) modules.add(new TestFeature());
    return new ModuleRegistry(modules, new ProtocolVersions(versions));
  }

  private static UpgradeChain chain(Genesis genesis) {
    return new UpgradeChain(Ledger.open(new InMemoryStore(), genesis,
        SignatureCheck.withBestVerifier(), registry(), new org.bcos.ledger.TestCommits()));
  }

  @Test
  void anUpgradeGivesTheModuleItsParameterAndInitialStateAtTheHeight() {
    UpgradeChain chain = chain(UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION));
    Ledger ledger = chain.ledger();
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new UpgradeChain.Schedule("feature", TEST_VERSION, RELEASE,
        ACTIVATION))).block());
    BlockResult early = chain.include(chain.alice(new Use()));
    assertEquals(TxRejection.MODULE_NOT_ACTIVE, early.skipped().getFirst().verdict().rejection());
    blocks.add(early.block());
    assertFalse(ledger.paramsAt(ACTIVATION - 1).containsKey(LIMIT.name()));
    assertFalse(ledger.paramsAt(ACTIVATION - 1).containsKey(LATE.name()));
    assertNull(ledger.headState().get(FEATURE, ACTIVATED_KEY));
    assertTrue(ledger.checkAdmission(chain.alice(new Use())).ok(),
        "admission for the activation block sees what the activation writes");

    BlockResult at = chain.include(chain.alice(new Use()));
    assertTrue(at.skipped().isEmpty(), () -> at.skipped().toString());
    blocks.add(at.block());
    assertEquals(7L, ledger.paramsAt(ACTIVATION).get(LIMIT.name()));
    assertEquals(5L, ledger.paramsAt(ACTIVATION).get(LATE.name()), "brought by the test version");
    Decoder marker = new Decoder(ledger.headState().get(FEATURE, ACTIVATED_KEY));
    assertEquals(ACTIVATION, marker.u64());
    assertEquals(7, marker.u64(), "the parameter existed when the module activated");
    assertEquals(7, new Decoder(ledger.headState().get(FEATURE, USES_KEY)).u64());
    blocks.add(chain.include(chain.alice(new Use())).block());

    Ledger replica = Ledger.open(new InMemoryStore(),
        UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION),
        SignatureCheck.withBestVerifier(), registry(), new org.bcos.ledger.TestCommits());
    for (Block b : blocks) {
      replica.importBlock(b);
      assertEquals(b.header().stateRoot(), replica.head().header().stateRoot());
    }
  }

  @Test
  void aChainStartingAtTheVersionHasTheParameterFromGenesisAndNoActivation() {
    Ledger ledger = chain(UpgradeChain.genesis(TEST_VERSION)).ledger();
    assertEquals(7L, ledger.paramsAt(0).get(LIMIT.name()));
    assertEquals(5L, ledger.paramsAt(0).get(LATE.name()));
    assertNull(ledger.headState().get(FEATURE, ACTIVATED_KEY));
    Ledger old = chain(UpgradeChain.genesis(Genesis.DEFAULT_PROTOCOL_VERSION)).ledger();
    assertFalse(old.paramsAt(0).containsKey(LIMIT.name()), "inactive at genesis: not written");
    assertFalse(old.paramsAt(0).containsKey(LATE.name()), "not yet introduced: not written");
    assertTrue(old.paramsAt(0).containsKey("minFeeUnits"));
  }

  @Test
  void aParameterOfAVersionTheSoftwareDoesNotShipIsRefusedAtRegistration() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> registry(new TestOld(List.of(LATE)), false));
    assertTrue(e.getMessage().contains("protocol version " + TEST_VERSION
        + ", newer than this software ships"),
        e.getMessage());
  }
}
