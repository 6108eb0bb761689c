package org.bcos.ledger.upgrade;

import static org.bcos.ledger.LedgerFixtures.GENESIS_TIME;
import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.bcos.ledger.LedgerFixtures.VALIDATOR;
import static org.bcos.ledger.LedgerFixtures.key;
import static org.bcos.ledger.LedgerFixtures.sign;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.ProtocolVersions;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * A chain that upgrades, for the upgrade tests (here and, through the test jar, the node's): the
 * chain's own modules plus a governance stand-in ({@code testgov}, the gov module's future role)
 * whose messages call {@link UpgradeApi} in a block, as the gov module will when a proposal
 * passes. Software "new" ships the chain's versions (1 base, 2 + notary); software "old" ships
 * version 1 only (and so has no notary module).
 */
public final class UpgradeChain {
  /** Governance stand-in: schedules an upgrade from the block it executes in. */
  public record Schedule(String name, int version, Hash release, long height) implements Message {
    static final int TAG = 240;

    @Override
    public int tag() {
      return TAG;
    }

    @Override
    public void encodeFields(Encoder e) {
      e.string(name).u32(version).hash(release).u64(height);
    }
  }

  /** Governance stand-in: cancels the scheduled upgrade by name. */
  public record Cancel(String name) implements Message {
    static final int TAG = 241;

    @Override
    public int tag() {
      return TAG;
    }

    @Override
    public void encodeFields(Encoder e) {
      e.string(name);
    }
  }

  /** The module carrying the stand-in messages; no state of its own. */
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
      return List.of(
          new MessageType<>(Schedule.TAG, "testgov.schedule", Schedule.class,
              d -> new Schedule(d.string(80), d.u32AsInt(), d.hash(), d.u64()),
              MessageHandlers.paid((ctx, tx, m) -> ctx.api(UpgradeApi.class).schedule(
                  new UpgradePlan(m.name(), m.version(), m.release(), m.height(),
                      ctx.height())))),
          new MessageType<>(Cancel.TAG, "testgov.cancel", Cancel.class,
              d -> new Cancel(d.string(80)),
              MessageHandlers.paid((ctx, tx, m) ->
                  ctx.api(UpgradeApi.class).cancel(m.name(), ctx.height()))));
    }

    @Override
    public List<? extends Rejection> rejections() {
      return List.of();
    }
  }

  public static final Ed25519KeyPair GOV = key(7);
  public static final Ed25519KeyPair ALICE = key(8);
  public static final Hash RELEASE = Hash.fromHex(
      "9f2c3b1a00000000000000000000000000000000000000000000000000000000".replace('0', 'a'));

  /** The chain's versions, each with the governance stand-in active. */
  public static final ProtocolVersions NEW_SOFTWARE = withTestGov(Modules.VERSIONS.all());
  /** Software that ships version 1 only. */
  public static final ProtocolVersions OLD_SOFTWARE = withTestGov(List.of(Modules.VERSIONS.rules(1)
      .orElseThrow()));

  private static ProtocolVersions withTestGov(List<ProtocolRules> versions) {
    List<ProtocolRules> out = new ArrayList<>();
    for (ProtocolRules r : versions) out.add(r.plus(r.version(), r.name(), "testgov"));
    return new ProtocolVersions(out);
  }

  /**
   * The software's modules: those some version it ships activates (old software lacks notary),
   * as released with it (without the parameters of versions it does not ship: old software lacks
   * the staking parameters).
   */
  public static ModuleRegistry registry(ProtocolVersions versions) {
    List<LedgerModule> modules = new ArrayList<>();
    for (LedgerModule m : Modules.STANDARD.modules()) {
      if (versions.all().stream().anyMatch(r -> r.isActive(m.name()))) {
        modules.add(new ReleasedModule(m, versions.latest().version()));
      }
    }
    modules.add(new TestGovernance());
    return new ModuleRegistry(modules, versions);
  }

  /** The test genesis, starting at protocol {@code version}. */
  public static Genesis genesis(int version) {
    return LedgerFixtures.genesis(List.of(GOV, ALICE)).atProtocolVersion(version);
  }

  public static Ledger open(KeyValueStore store, Genesis genesis, ProtocolVersions software) {
    return Ledger.open(store, genesis, SignatureCheck.withBestVerifier(), registry(software),
        new org.bcos.ledger.TestCommits());
  }

  public static Ledger openNew(Genesis genesis) {
    return open(new InMemoryStore(), genesis, NEW_SOFTWARE);
  }

  /**
   * Blocks 1..{@code count} of a chain starting at version 1 whose block 1 schedules version 2
   * (+ notary, "notary-on") at {@code activation}, made by software with every version.
   */
  public static List<org.bcos.ledger.block.Block> notaryUpgradeBlocks(long activation,
      int count) {
    UpgradeChain chain = new UpgradeChain(openNew(genesis(1)));
    List<org.bcos.ledger.block.Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new Schedule("notary-on", 2, RELEASE, activation)))
        .block());
    while (blocks.size() < count) blocks.add(chain.block().block());
    return blocks;
  }

  private final Ledger ledger;
  private long govNonce;
  private long aliceNonce;
  private long time = GENESIS_TIME;

  public UpgradeChain(Ledger ledger) {
    this.ledger = ledger;
  }

  public Ledger ledger() {
    return ledger;
  }

  public BlockResult block(Transaction... txs) {
    time += 1_000;
    return ledger.buildBlock(List.of(txs), VALIDATOR, time);
  }

  /** A signed governance message; the nonce advances only if {@code included} later. */
  public Transaction gov(Message m) {
    return sign(GOV, govNonce, MIN_FEE, 1_000, m);
  }

  public Transaction alice(Message m) {
    return alice(m, MIN_FEE);
  }

  /** Alice's message paying {@code fee} (a multi-send pays the minimum per output). */
  public Transaction alice(Message m, long fee) {
    return sign(ALICE, aliceNonce, fee, 1_000, m);
  }

  /** Builds a block of {@code tx}, advancing its sender's nonce when it is included. */
  public BlockResult include(Transaction tx) {
    BlockResult r = block(tx);
    if (r.skipped().isEmpty()) {
      if (tx.sender().equals(GOV.address())) govNonce++;
      if (tx.sender().equals(ALICE.address())) aliceNonce++;
    }
    return r;
  }
}
