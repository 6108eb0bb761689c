package org.bcos.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.block.CommitCheck;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.params.api.ParamsApi;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.StateProof;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.tx.TransactionProcessor;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.WriteBatch;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TxRejection;

/**
 * The chain's state machine over a {@link KeyValueStore}: builds blocks from candidate
 * transactions, imports blocks built elsewhere (re-executing them), and answers queries. Each block
 * commits as one atomic, synced write batch holding its state changes, the block, its indexes and
 * the new head, so a crash at any moment leaves either the whole block or none of it.
 * Deterministic: the same blocks give the same state root on every node.
 */
public final class Ledger implements QueryContext {
  private static final byte[] HEAD_KEY = "head".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_KEY = "genesis".getBytes(StandardCharsets.US_ASCII);

  private static final String SCHEMA_KEY_PREFIX = "schema/";

  private final KeyValueStore store;
  private final Genesis genesis;
  private final ModuleRegistry modules;
  private final SupplyInvariant supply;
  private final TransactionProcessor processor;
  private final SignatureCheck signatures;
  private final MerkleStateTree tree;
  private final ValidatorSets validatorSets;
  private final LastCommits lastCommits;
  private final Object writeLock = new Object();
  private volatile Block head;
  // the parameters governing the block after the head (refreshed at every commit)
  private volatile ChainParams headParams;
  // the protocol rules governing the block after the head, or null when this software lacks
  // that version (refreshed at every commit)
  private volatile ProtocolRules headRules;
  // the last block prepared (executed, not committed); when `prepared.inTree`, its changes are
  // applied to the tree, which must be reverted before the tree is used for anything else
  private Prepared prepared;

  /** A block executed against the head but not committed: its state changes, ready to write. */
  private static final class Prepared {
    final Block block;
    final Hash parentHash;
    final WorkingState working;
    final WriteBatch batch;
    final EndBlockEffects effects;
    boolean inTree;

    Prepared(Block block, Hash parentHash, WorkingState working, WriteBatch batch,
        EndBlockEffects effects) {
      this.block = block;
      this.parentHash = parentHash;
      this.working = working;
      this.batch = batch;
      this.effects = effects;
      this.inTree = true;
    }
  }

  private Ledger(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      ModuleRegistry modules, MerkleStateTree tree, ValidatorSets sets, Block head,
      CommitCheck commits) {
    this.store = store;
    this.lastCommits = new LastCommits(commits, sets, genesis.params().chainId());
    this.genesis = genesis;
    this.modules = modules;
    this.supply = new SupplyInvariant(modules.holdings());
    this.validatorSets = sets;
    this.processor = new TransactionProcessor(modules, this::params, this::headRules);
    this.signatures = signatures;
    this.tree = tree;
    this.head = head;
    refreshHead();
  }

  /** Reads what governs the block after the head: its parameters and protocol rules. */
  private void refreshHead() {
    WorkingState state = new WorkingState(store);
    headParams = readParams(state, head.height() + 1);
    headRules = modules.versions().rules(versionAt(state, head.height() + 1)).orElse(null);
  }

  /**
   * Opens the chain in {@code store}: writes the genesis block if the store is empty, otherwise
   * checks that the stored chain has this genesis, rebuilds the state tree and checks it against
   * the head's state root and the total supply.
   */
  public static Ledger open(KeyValueStore store, Genesis genesis, SignatureCheck signatures) {
    return open(store, genesis, signatures, EvidenceCheck.NONE);
  }

  /** Opens the chain with {@code evidence} as the check for double-signing reports. */
  public static Ledger open(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      EvidenceCheck evidence) {
    return open(store, genesis, signatures, Modules.standard(evidence));
  }

  /**
   * Opens the chain with {@code evidence} as the check for double-signing reports and {@code
   * commits} as the check for the commit certificates blocks carry (a node's: both from the
   * consensus formats).
   */
  public static Ledger open(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      EvidenceCheck evidence, CommitCheck commits) {
    return open(store, genesis, signatures, Modules.standard(evidence), commits);
  }

  /**
   * Opens the chain of {@code modules} (see {@link Modules} for the chain's own) without a commit
   * check: blocks of a protocol version that carries the previous block's certificate are
   * refused from block 2 on ({@link CommitCheck#NONE}).
   */
  public static Ledger open(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      ModuleRegistry modules) {
    return open(store, genesis, signatures, modules, CommitCheck.NONE);
  }

  /** Opens the chain of {@code modules} with {@code commits} as the certificate check. */
  public static Ledger open(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      ModuleRegistry modules, CommitCheck commits) {
    if (!modules.versions().supports(genesis.protocolVersion())) {
      throw new IllegalStateException("the genesis starts at protocol version "
          + genesis.protocolVersion() + ", which this software does not ship (it runs versions "
          + modules.versions().describe() + "): run a release that has it");
    }
    ValidatorSets sets = new ValidatorSets(genesis);
    Block genesisBlock = genesisBlock(genesis, modules);
    byte[] storedGenesis = store.get(ChainSchema.META, GENESIS_KEY);
    MerkleStateTree tree = new MerkleStateTree();
    SupplyInvariant supply = new SupplyInvariant(modules.holdings());
    if (storedGenesis == null) {
      WorkingState working = new WorkingState(store);
      applyGenesis(genesis, modules, working);
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      batch.put(ChainSchema.META, GENESIS_KEY, genesisBlock.hash().toBytes());
      for (LedgerModule m : modules.modules()) {
        batch.put(ChainSchema.META, schemaKey(m), new Encoder(4).u32(m.schema().version())
            .toByteArray());
      }
      putBlock(batch, genesisBlock);
      store.commit(batch);
      supply.checkTotal(store);
      return new Ledger(store, genesis, signatures, modules, tree, sets, genesisBlock, commits);
    }
    if (!Hash.wrap(storedGenesis).equals(genesisBlock.hash())) {
      throw new IllegalStateException("the data directory holds a different chain (genesis "
          + Hash.wrap(storedGenesis).toHex() + ", this genesis is " + genesisBlock.hash().toHex()
          + "); a data directory written before chain parameters moved into state (BCOS 0.1, "
          + "issue #9) is of a different chain too: start it again from an empty data directory");
    }
    migrateSchemas(store, modules);
    rebuildTree(store, modules, tree);
    long headHeight = decodeHeight(store.get(ChainSchema.META, HEAD_KEY));
    Block head = Block.decode(store.get(ChainSchema.BLOCKS, heightKey(headHeight)), modules);
    Invariants.check(tree.root().equals(head.header().stateRoot()),
        "stored state does not match the state root of block " + headHeight);
    supply.checkTotal(store);
    recordValidatorSets(store, modules, sets);
    return new Ledger(store, genesis, signatures, modules, tree, sets, head, commits);
  }

  private static byte[] schemaKey(LedgerModule m) {
    return (SCHEMA_KEY_PREFIX + m.name()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Brings every module's state to its current schema version: refuses data written by a newer
   * version, runs the module's migrations from an older one (one write), and records the version
   * of a module the data directory has not seen yet (its state starts empty).
   */
  private static void migrateSchemas(KeyValueStore store, ModuleRegistry modules) {
    refuseUnknownModules(store, modules);
    WorkingState working = new WorkingState(store);
    WriteBatch batch = new WriteBatch();
    for (LedgerModule m : modules.modules()) {
      byte[] raw = store.get(ChainSchema.META, schemaKey(m));
      int current = m.schema().version();
      int stored = raw == null ? current : (int) new org.bcos.types.codec.Decoder(raw).u32();
      if (stored > current) {
        throw new IllegalStateException("the data directory's " + m.name() + " state has schema "
            + "version " + stored + ", newer than this software's " + current
            + ": run a newer BCOS");
      }
      for (int v = stored; v < current; v++) m.schema().migration().migrate(v, working);
      if (raw == null || stored != current) {
        batch.put(ChainSchema.META, schemaKey(m), new Encoder(4).u32(current).toByteArray());
      }
    }
    if (working.changeCount() > 0) {
      throw new IllegalStateException("a schema migration changed state; migrations that change "
          + "state must run at a block (none exists yet)");
    }
    if (!batch.isEmpty()) store.commit(batch);
  }

  /**
   * Refuses a data directory holding the state of a module this software lacks: a newer release
   * wrote it (a module an upgrade activates), and without the module this software can neither
   * rebuild the state root nor run the chain's next blocks.
   */
  private static void refuseUnknownModules(KeyValueStore store, ModuleRegistry modules) {
    byte[] prefix = SCHEMA_KEY_PREFIX.getBytes(StandardCharsets.US_ASCII);
    List<String> unknown = new ArrayList<>();
    store.forEach(ChainSchema.META, prefix, (k, v) -> {
      String name = new String(k, prefix.length, k.length - prefix.length,
          StandardCharsets.US_ASCII);
      if (modules.module(name).isEmpty()) unknown.add(name);
    });
    if (!unknown.isEmpty()) {
      throw new IllegalStateException("the data directory holds the state of module(s) "
          + unknown + ", which this software lacks (it runs protocol versions "
          + modules.versions().describe() + "): a newer release wrote it; run that release");
    }
  }

  private static void recordValidatorSets(KeyValueStore store, ModuleRegistry modules,
      ValidatorSets sets) {
    for (LedgerModule m : modules.modules()) {
      m.recordedValidatorSets(store).forEach(sets::recordChange);
    }
  }

  /** The genesis block is defined by the genesis alone: unsigned, no transactions, height 0. */
  static Block genesisBlock(Genesis genesis) {
    return genesisBlock(genesis, Modules.STANDARD);
  }

  static Block genesisBlock(Genesis genesis, ModuleRegistry modules) {
    WorkingState working = new WorkingState(new InMemoryStore());
    applyGenesis(genesis, modules, working);
    MerkleStateTree scratch = new MerkleStateTree();
    working.writeTo(new WriteBatch(), scratch);
    BlockHeader header = new BlockHeader(genesis.params().chainId(), 0, genesis.timeMillis(),
        Hash.ZERO, TxRoot.of(List.of()), scratch.root(), genesis.validators().get(0).address(), 0);
    return new Block(header, new byte[64], List.of());
  }

  /**
   * Each module active at the genesis version writes its genesis state, in registration order
   * (a module an upgrade activates later starts with empty state).
   */
  private static void applyGenesis(Genesis genesis, ModuleRegistry modules,
      WorkingState working) {
    ProtocolRules rules = modules.versions().rules(genesis.protocolVersion()).orElseThrow();
    TxContext ctx = new TxContext(modules, genesis.params(), 0,
        genesis.validators().get(0).address(), working, h -> List.of(), rules);
    for (LedgerModule m : modules.modules()) {
      if (rules.isActive(m.name())) m.initGenesis(genesis, ctx);
    }
  }

  private static void rebuildTree(KeyValueStore store, ModuleRegistry modules,
      MerkleStateTree tree) {
    for (var column : modules.stateColumns()) {
      store.forEach(column, new byte[0],
          (k, v) -> tree.put(StateKey.treeKey(column, k), Digests.sha256(v)));
    }
  }

  public Genesis genesis() {
    return genesis;
  }

  /** The chain parameters governing the next block, as the head's state holds them. */
  public ChainParams params() {
    return headParams;
  }

  /** Every parameter's value governing the block at {@code height} (from 0). */
  public java.util.SortedMap<String, Long> paramsAt(long height) {
    return modules.api(ParamsApi.class, new WorkingState(store)).valuesAt(height);
  }

  /** The chain's modules. */
  @Override
  public ModuleRegistry modules() {
    return modules;
  }

  private ChainParams readParams(WorkingState state, long height) {
    return modules.api(ParamsApi.class, state).chainParams(genesis.params().chainId(), height);
  }

  /**
   * The context of the block at {@code height} over {@code working}: its parameters and rules,
   * after the modules its protocol version activates (if it is the version's first block) have
   * been given their parameters and initial state.
   */
  private TxContext blockContext(WorkingState working, long height, Address proposer,
      ProtocolRules rules, Optional<java.util.Set<Address>> lastCommitSigners) {
    TxContext ctx = new TxContext(modules, readParams(working, height), height, proposer,
        working, validatorSets::setAt, rules, lastCommitSigners);
    return activateModules(working, ctx);
  }

  /**
   * At the first block of a protocol version, the parameters it brings (those of the modules it
   * activates, and those introduced by it) get their defaults from this height, and each module
   * it activates, whose parameters it brings, or whose state it migrates ({@link
   * LedgerModule#migratesAt}), writes its initial state ({@link
   * LedgerModule#activate}), before the block's transactions; the context is read again so the
   * block sees them.
   */
  private TxContext activateModules(WorkingState working, TxContext ctx) {
    long h = ctx.height();
    ProtocolRules now = ctx.rules();
    if (h < 1) return ctx;
    int previous = versionAt(working, h - 1);
    if (previous == now.version()) return ctx;
    ProtocolRules before = modules.versions().rules(previous).orElseThrow(() ->
        new IllegalStateException("height " + h + " is the first of protocol version " + now
            + ", but this software does not ship version " + previous + " before it, so it "
            + "cannot tell which modules the upgrade activates: run a release that ships both"));
    List<ParamSpec> existing = before.params(modules);
    List<ParamSpec> brought = now.params(modules).stream()
        .filter(p -> !existing.contains(p)).toList();
    List<LedgerModule> activated = modules.modules().stream().filter(m -> now.isActive(m.name())
        && (!before.isActive(m.name()) || m.params().stream().anyMatch(brought::contains)
            || m.migratesAt().stream().anyMatch(v -> v > previous && v <= now.version())))
        .toList();
    if (activated.isEmpty() && brought.isEmpty()) return ctx;
    ParamsApi params = ctx.api(ParamsApi.class);
    for (ParamSpec p : brought) {
      Verdict v = params.introduce(p.name(), p.genesisDefault(), h);
      Invariants.check(v.ok(), "protocol version " + now + " brings " + p.name() + ": "
          + v.message());
    }
    TxContext fresh = new TxContext(modules, readParams(working, h), h, ctx.proposer(), working,
        validatorSets::setAt, now, ctx.lastCommitSigners());
    for (LedgerModule m : activated) m.activate(fresh);
    return fresh;
  }

  // ---------------------------------------------------------------- protocol versions

  /**
   * The protocol version governing {@code height}, as {@code state} (committed up to the block
   * before it) records it: the upgrade module's, or the genesis version in a chain without one.
   */
  private int versionAt(WorkingState state, long height) {
    if (!modules.providesApi(UpgradeApi.class)) return genesis.protocolVersion();
    return modules.api(UpgradeApi.class, state).versionAt(height);
  }

  /**
   * The rules governing {@code height}; throws {@link UpgradeRequiredException} when this
   * software does not ship its version (the node must stop before that block).
   */
  private ProtocolRules rulesAt(WorkingState state, long height) {
    int version = versionAt(state, height);
    return modules.versions().rules(version).orElseThrow(() ->
        new UpgradeRequiredException(upgradeRequired(state, height, version)));
  }

  private UpgradeRequired upgradeRequired(WorkingState state, long height, int version) {
    Optional<UpgradePlan> plan = modules.providesApi(UpgradeApi.class)
        ? modules.api(UpgradeApi.class, state).planAt(height) : Optional.empty();
    return new UpgradeRequired(height, version, plan, modules.versions().describe());
  }

  /**
   * The version a block at {@code height} carries in its header: none (format 1) while the chain
   * is at its genesis version, the version itself from the first upgrade on, and always from the
   * first version whose blocks carry the previous block's commit (format 3 carries both).
   */
  private int carriedVersion(ProtocolRules rules) {
    return rules.version() == genesis.protocolVersion() && !LastCommits.carried(rules)
        ? BlockHeader.VERSION_NOT_CARRIED : rules.version();
  }

  /**
   * Whether the next block runs under a protocol version this software does not ship: the node
   * stops before it (consensus neither proposes nor votes, sync does not import). Empty while
   * this software can run the next block.
   */
  public Optional<UpgradeRequired> upgradeRequired() {
    if (headRules != null) return Optional.empty();
    WorkingState state = new WorkingState(store);
    long next = head.height() + 1;
    return Optional.of(upgradeRequired(state, next, versionAt(state, next)));
  }

  /** The protocol version governing {@code height}, as committed (queries). */
  public int protocolVersionAt(long height) {
    return versionAt(new WorkingState(store), height);
  }

  /** The rules governing the block after the head, for the processor's ingress checks. */
  private ProtocolRules headRules() {
    ProtocolRules rules = headRules;
    // ingress under a version this software lacks refuses every module (nothing can execute)
    return rules != null ? rules : new ProtocolRules(Integer.MAX_VALUE, "unknown",
        new java.util.TreeSet<>());
  }

  public TransactionProcessor processor() {
    return processor;
  }

  public SignatureCheck signatures() {
    return signatures;
  }

  public Block head() {
    return head;
  }

  @Override
  public long headHeight() {
    return head.height();
  }

  @Override
  public WorkingState headState() {
    return new WorkingState(store);
  }

  public Hash genesisHash() {
    return Hash.wrap(store.get(ChainSchema.META, GENESIS_KEY));
  }

  /** Committed account state. */
  public Optional<Account> account(Address address) {
    return modules.api(Bank.class, new WorkingState(store)).find(address);
  }

  /** Account state with a Merkle proof against the head's state root, read atomically. */
  public AccountProof proveAccount(Address address) {
    StateProof p = proveState(Account.STATE_COLUMN, address.toBytes());
    return new AccountProof(p.height(), p.stateRoot(), p.value().map(Account::decode), p.proof());
  }

  /**
   * Any committed state entry with its inclusion (or exclusion) proof against the head's state
   * root, read atomically: what a module's query returns so a client can check an answer against
   * a block header it trusts (the entry sits at {@code StateKey.treeKey(column, key)}, its leaf
   * is the SHA-256 of the value).
   */
  @Override
  public StateProof proveState(Column column, byte[] key) {
    return proveStates(List.of(new StateKey(column, key))).getFirst();
  }

  @Override
  public List<StateProof> proveStates(List<StateKey> keys) {
    synchronized (writeLock) {
      liftPrepared();
      List<StateProof> proofs = new ArrayList<>(keys.size());
      for (StateKey k : keys) {
        proofs.add(new StateProof(head.height(), head.header().stateRoot(),
            Optional.ofNullable(store.get(k.column(), k.key())), tree.prove(k.treeKey())));
      }
      return proofs;
    }
  }

  @Override
  public OptionalLong blockTimeMillis(long height) {
    if (height < 0) return OptionalLong.empty();
    byte[] raw = store.get(ChainSchema.BLOCKS, heightKey(height));
    // the header leads the block: a query asking for times does not decode transactions
    return raw == null ? OptionalLong.empty()
        : OptionalLong.of(BlockHeader.decode(new Decoder(raw)).timeMillis());
  }

  /**
   * A module's api over the committed state at the head (for queries: writes through it go
   * nowhere).
   */
  @Override
  public <A> A api(Class<A> type) {
    return modules.api(type, new WorkingState(store));
  }

  /** An account read with its inclusion (or exclusion) proof at {@code height}. */
  public record AccountProof(long height, Hash stateRoot, Optional<Account> account,
      MerkleProof proof) {}


  /**
   * Committed entries of a state column under {@code prefix}, in key order (for recounts): at
   * most {@code limit}, and the scan stops there (a caller's limit bounds its cost, not only its
   * answer).
   */
  @Override
  public List<java.util.Map.Entry<byte[], byte[]>> stateEntries(org.bcos.storage.Column column,
      byte[] prefix, int limit) {
    return stateEntries(column, prefix, prefix, limit);
  }

  @Override
  public List<java.util.Map.Entry<byte[], byte[]>> stateEntries(org.bcos.storage.Column column,
      byte[] prefix, byte[] from, int limit) {
    List<java.util.Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    if (limit <= 0) return out;
    try {
      store.forEachFrom(column, prefix, from, (k, v) -> {
        out.add(java.util.Map.entry(k, v));
        if (out.size() >= limit) throw ScanFull.INSTANCE;
      });
    } catch (ScanFull full) {
      // the limit was reached; the store closed its iterator on the way out
    }
    return out;
  }

  /** Ends a scan early; carries no stack trace (it is control flow, not an error). */
  private static final class ScanFull extends RuntimeException {
    static final ScanFull INSTANCE = new ScanFull();

    private ScanFull() {
      super(null, null, false, false);
    }
  }

  public Optional<Block> block(long height) {
    if (height < 0) return Optional.empty();
    byte[] raw = store.get(ChainSchema.BLOCKS, heightKey(height));
    return raw == null ? Optional.empty() : Optional.of(Block.decode(raw, modules));
  }

  public Optional<Block> block(Hash hash) {
    byte[] height = store.get(ChainSchema.BLOCK_HASHES, hash.toBytes());
    return height == null ? Optional.empty() : block(decodeHeight(height));
  }

  public Optional<TxLocation> txLocation(Hash txHash) {
    byte[] raw = store.get(ChainSchema.TX_INDEX, txHash.toBytes());
    return raw == null ? Optional.empty() : Optional.of(FinalTx.location(raw));
  }

  /**
   * A final transaction with its location and block hash, read from the transaction index: one
   * read and one transaction decoded. Only entries written before the index held transactions
   * (a data directory from an older version) fall back to decoding their block.
   */
  public Optional<FinalTx> finalTransaction(Hash txHash) {
    byte[] raw = store.get(ChainSchema.TX_INDEX, txHash.toBytes());
    if (raw == null) return Optional.empty();
    if (!FinalTx.isLocationOnly(raw)) return Optional.of(FinalTx.decode(raw, modules));
    TxLocation location = FinalTx.location(raw);
    return block(location.height()).map(b ->
        new FinalTx(location, b.hash(), b.transactions().get(location.index())));
  }

  /**
   * A page of {@code account}'s final transactions (sent, or naming it as a counterparty),
   * newest first, from {@code from} (inclusive) or the newest; see {@link AccountTxIndex}.
   */
  public AccountTxIndex.Page accountTransactions(Address account,
      Optional<AccountTxIndex.Position> from, int limit) {
    return AccountTxIndex.page(store, account, from, limit);
  }

  /** The active validator set (address order) governing {@code height}, as committed. */
  public List<ValidatorPower> validatorSetAt(long height) {
    return validatorSets.setAt(height);
  }

  /** Every validator-set change as committed: first governed height → set (genesis at 1). */
  public java.util.Map<Long, List<ValidatorPower>> validatorSetChanges() {
    return validatorSets.changes();
  }

  /** The stored commit certificate of the block at {@code height} (consensus encoding). */
  public Optional<byte[]> commitCertificate(long height) {
    return Optional.ofNullable(store.get(ChainSchema.COMMITS, heightKey(height)));
  }

  /**
   * Builds, signs and commits the next block from {@code candidates} without a commit certificate
   * (tests, benchmarks and tools; a node commits through consensus with {@link #proposeBlock} and
   * {@link #commitBlock}).
   */
  public BlockResult buildBlock(List<Transaction> candidates, Ed25519KeyPair proposerKey,
      long nowMillis) {
    synchronized (writeLock) {
      BlockResult result = proposeBlock(candidates, proposerKey, nowMillis);
      commitBlock(result.block(), lastCommits.certifyWithoutConsensus(result.block()));
      return result;
    }
  }

  /**
   * Builds and signs the next block from {@code candidates} (in priority order; each sender's
   * transactions in nonce order) without committing it: the proposal a validator puts to
   * consensus. Candidates that fail are left out and reported; limits on count and bytes stop the
   * block early. The executed state is kept, so committing this block next is cheap.
   */
  public BlockResult proposeBlock(List<Transaction> candidates, Ed25519KeyPair proposerKey,
      long nowMillis) {
    synchronized (writeLock) {
      revertPrepared();
      Block parent = head;
      long height = parent.height() + 1;
      Address proposer = proposerKey.address();
      if (!isValidatorAt(proposer, height)) {
        throw new IllegalArgumentException(proposer + " is not a validator at height " + height);
      }
      WorkingState working = new WorkingState(store);
      ProtocolRules rules = rulesAt(working, height);
      byte[] lastCommit = lastCommits.toCarry(parent, rules,
          commitCertificate(parent.height()).orElse(new byte[0]));
      TxContext ctx = blockContext(working, height, proposer, rules,
          lastCommits.signersOf(lastCommit, parent));
      ChainParams p = ctx.params();
      List<Transaction> included = new ArrayList<>();
      List<BlockResult.Skipped> skipped = new ArrayList<>();
      long bytes = 0;
      for (Transaction tx : candidates) {
        if (included.size() >= p.maxTxsPerBlock()
            || bytes + tx.encodedSize() > p.maxBlockBytes()) {
          break;
        }
        // the same checks checkBlock applies, so a built block is always valid
        Verdict verdict = check(ctx, tx);
        if (verdict.ok()) {
          included.add(tx);
          bytes += tx.encodedSize();
        } else {
          skipped.add(new BlockResult.Skipped(tx, verdict));
        }
      }
      EndBlockEffects effects = endBlock(ctx);
      supply.checkBlock(working, store);
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      long time = Math.max(nowMillis, parent.header().timeMillis());
      BlockHeader header = new BlockHeader(p.chainId(), height, time, parent.hash(),
          TxRoot.of(included.stream().map(Transaction::hash).toList()), tree.root(), proposer,
          included.size(), carriedVersion(ctx.rules()),
          LastCommits.carried(ctx.rules()) ? Block.lastCommitHash(lastCommit) : null);
      Block block = new Block(header, proposerKey.sign(header.hash().toBytes()), included,
          lastCommit);
      prepared = new Prepared(block, parent.hash(), working, batch, effects);
      return new BlockResult(block, skipped);
    }
  }

  /**
   * The admission check against current state (Hedera's preHandle): executes {@code tx} on a
   * scratch copy of the head state at the next height, as if the sender's earlier pending
   * transactions had already advanced its nonce to {@code tx.nonce()}, and throws the scratch
   * away. So a ballot for an issue that is not voting, from a non-member, with a weak stamp or an
   * invalid content is refused by name at the door instead of when a block is built. Signature
   * and stateless checks are the caller's; the block-time check still decides races.
   */
  public Verdict checkAdmission(Transaction tx) {
    Block parent = head;
    ProtocolRules rules = headRules;
    WorkingState scratch = new WorkingState(store);
    TxContext ctx = new TxContext(modules, headParams, parent.height() + 1,
        parent.header().proposer(), scratch, validatorSets::setAt,
        rules != null ? rules : headRules());
    // at a version's first block, what it activates exists before any transaction runs
    if (rules != null) ctx = activateModules(scratch, ctx);
    Bank bank = ctx.api(Bank.class);
    Optional<Account> found = bank.find(tx.sender());
    if (found.isPresent() || processor.isFeeFree(tx)) {
      Account sender = found.orElse(Account.EMPTY);
      if (tx.nonce() > sender.nonce()) bank.setNonce(tx.sender(), tx.nonce());
    }
    return processor.admit(ctx, tx);
  }

  /**
   * Checks that {@code block} may follow the head: it links to the head, is signed by a validator
   * of its height, and re-executing every transaction gives its state root. Throws {@link
   * InvalidBlockException} (committed state unchanged) otherwise. A valid block's executed state
   * is kept, so committing it next is cheap.
   */
  public void checkBlock(Block block) {
    synchronized (writeLock) {
      if (isPrepared(block)) return;
      revertPrepared();
      Block parent = head;
      BlockHeader h = block.header();
      require(h.height() == parent.height() + 1,
          InvalidBlockException.Reason.WRONG_HEIGHT, "height " + h.height() + " does not follow "
          + parent.height());
      require(h.previousHash().equals(parent.hash()),
          InvalidBlockException.Reason.WRONG_PARENT, "previous hash does not match the head");
      // before judging anything else: under a version this software lacks, it cannot judge
      WorkingState working = new WorkingState(store);
      ProtocolRules rules = rulesAt(working, h.height());
      require(h.protocolVersion() == carriedVersion(rules),
          InvalidBlockException.Reason.WRONG_PROTOCOL_VERSION, "block carries protocol version "
          + h.protocolVersion() + " (0: none), height " + h.height() + " runs under "
          + rules);
      checkProposal(block, parent);
      // the certificate is checked after the proposer's signature: a forged block costs a
      // relayer one signature check before it can make the node verify a whole certificate
      TxContext ctx = blockContext(working, h.height(), h.proposer(), rules,
          lastCommits.verify(block, parent, rules));
      require(h.txRoot().equals(TxRoot.of(block.transactions().stream()
          .map(Transaction::hash).toList())), InvalidBlockException.Reason.TX_ROOT_MISMATCH,
          "tx root does not match the transactions");
      for (Transaction tx : block.transactions()) {
        Verdict v = check(ctx, tx);
        require(v.ok(),
          InvalidBlockException.Reason.INVALID_TRANSACTION,
            "transaction " + tx.hash() + " is invalid: " + v.message());
      }
      EndBlockEffects effects = endBlock(ctx);
      try {
        supply.checkBlock(working, store);
      } catch (IllegalStateException e) {
        throw new InvalidBlockException(InvalidBlockException.Reason.SUPPLY_CHANGED,
            "block " + h.height() + " breaks the supply: " + e.getMessage());
      }
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      if (!tree.root().equals(h.stateRoot())) {
        working.revertIn(tree);
        throw new InvalidBlockException(InvalidBlockException.Reason.STATE_ROOT_MISMATCH,
            "state root mismatch at height " + h.height());
      }
      prepared = new Prepared(block, parent.hash(), working, batch, effects);
    }
  }

  /**
   * Commits {@code block} (checking it first unless it is the block just proposed or checked)
   * with its {@code certificate}, the consensus layer's proof that it was decided (stored as given;
   * the caller verifies it). Throws {@link InvalidBlockException} with nothing changed if the block
   * is invalid.
   */
  public void commitBlock(Block block, byte[] certificate) {
    synchronized (writeLock) {
      checkBlock(block);
      Prepared p = prepared;
      p.batch.put(ChainSchema.COMMITS, heightKey(block.height()), certificate.clone());
      putBlock(p.batch, block);
      List<Transaction> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        p.batch.put(ChainSchema.TX_INDEX, txs.get(i).hash().toBytes(),
            new FinalTx(new TxLocation(block.height(), i), block.hash(), txs.get(i)).encode());
      }
      AccountTxIndex.index(p.batch, block, modules);
      try {
        store.commit(p.batch);
      } catch (RuntimeException e) {
        revertPrepared(); // the tree goes back to the head's state; nothing was written
        throw e;
      }
      prepared = null;
      // final transactions are not verified again: their cache entries make room for pending ones
      for (Transaction tx : txs) signatures.forget(tx.hash());
      p.effects.validatorSet().ifPresent(set -> validatorSets.recordChange(block.height(), set));
      head = block;
      refreshHead();
    }
  }

  /**
   * Replaces the stored certificate of the head, when it is still at {@code height}, by {@code
   * certificate}, a fuller one for the same decision (precommits that arrived after it), which
   * the next block then carries; whether it did. Checked
   * before it is written when blocks carry certificates (a bad one would make this node's next
   * proposal invalid): throws {@link InvalidBlockException} with nothing written.
   */
  public boolean replaceHeadCertificate(long height, byte[] certificate) {
    synchronized (writeLock) {
      Block h = head;
      if (h.height() != height || height == 0) return false; // the head moved on meanwhile
      ProtocolRules next = headRules;
      if (next != null && LastCommits.carried(next)) lastCommits.signers(certificate, h);
      WriteBatch batch = new WriteBatch();
      batch.put(ChainSchema.COMMITS, heightKey(h.height()), certificate.clone());
      store.commit(batch);
      return true;
    }
  }

  /** Checks and commits a block built elsewhere, without a certificate (tests and tools). */
  public void importBlock(Block block) {
    commitBlock(block, new byte[0]);
  }

  /**
   * Every active module's end-of-block work, in registration order, and their joint effects (a
   * module the block's protocol version does not activate does no work).
   */
  private EndBlockEffects endBlock(TxContext ctx) {
    EndBlockEffects effects = EndBlockEffects.NONE;
    for (LedgerModule m : modules.modules()) {
      if (ctx.rules().isActive(m.name())) effects = effects.and(m.endBlock(ctx));
    }
    return effects;
  }

  /** The header's chain, time and proposer, and the proposer's signature over its hash. */
  private void checkProposal(Block block, Block parent) {
    BlockHeader h = block.header();
    require(h.chainId().equals(params().chainId()),
        InvalidBlockException.Reason.WRONG_CHAIN, "wrong chain id " + h.chainId());
    require(h.timeMillis() >= parent.header().timeMillis(),
        InvalidBlockException.Reason.TIME_BACKWARDS, "block time goes backwards");
    require(isValidatorAt(h.proposer(), h.height()),
        InvalidBlockException.Reason.NOT_A_VALIDATOR,
        "proposer " + h.proposer() + " is not a validator at height " + h.height());
    require(Ed25519.verify(h.proposer().toBytes(), h.hash().toBytes(), block.signature()),
        InvalidBlockException.Reason.BAD_SIGNATURE,
        "block signature does not verify");
  }

  private Verdict check(TxContext ctx, Transaction tx) {
    Verdict v = processor.checkStateless(tx, ctx.params());
    if (v.ok() && !signatures.verify(tx)) v = Verdict.reject(TxRejection.BAD_SIGNATURE, "");
    if (v.ok()) v = processor.execute(ctx, tx);
    return v;
  }

  private boolean isValidatorAt(Address address, long height) {
    for (ValidatorPower v : validatorSets.setAt(height)) {
      if (v.address().equals(address)) return true;
    }
    return false;
  }

  /**
   * Whether {@code block} is the prepared one (header, and so its transactions, signature and
   * carried certificate: the hash commits to it, the bytes are compared so none is stored unchecked),
   * with its changes back in the tree.
   */
  private boolean isPrepared(Block block) {
    Prepared p = prepared;
    if (p == null || !p.parentHash.equals(head.hash()) || !p.block.hash().equals(block.hash())
        || !java.util.Arrays.equals(p.block.signature(), block.signature())
        || !java.util.Arrays.equals(p.block.lastCommit(), block.lastCommit())) {
      return false;
    }
    if (!p.inTree) {
      p.working.writeTo(new WriteBatch(), tree); // its batch is already built
      p.inTree = true;
    }
    return true;
  }

  /** Takes a prepared block's changes out of the tree (kept for a later commit). */
  private void liftPrepared() {
    if (prepared != null && prepared.inTree) {
      prepared.working.revertIn(tree);
      prepared.inTree = false;
    }
  }

  /** Forgets the prepared block, taking its changes out of the tree. */
  private void revertPrepared() {
    liftPrepared();
    prepared = null;
  }

  /** One state entry: a key and value of a state column (what a state snapshot carries). */
  public record StateEntry(Column column, byte[] key, byte[] value) {}

  /**
   * The head block, its certificate and a read view of the state as committed by it, taken
   * together (so the view is exactly the head's state). The caller closes the view.
   */
  public record StateView(Block head, byte[] certificate, KeyValueStore.ReadView view,
      List<Column> columns) implements AutoCloseable {
    /** Visits every state entry, column by column in schema order, keys ascending. */
    public void forEachEntry(java.util.function.Consumer<StateEntry> visitor) {
      for (Column column : columns) {
        view.forEach(column, new byte[0], (k, v) -> visitor.accept(new StateEntry(column, k, v)));
      }
    }

    @Override
    public void close() {
      view.close();
    }
  }

  public StateView stateView() {
    synchronized (writeLock) {
      Block h = head;
      return new StateView(h, commitCertificate(h.height()).orElse(new byte[0]),
          store.snapshot(), modules.stateColumns());
    }
  }

  /**
   * Starts this fresh ledger (still at genesis) from a state snapshot: {@code entries} must be
   * the complete state after {@code block}, whose Merkle root they must reproduce, holding exactly
   * the total supply. The caller has checked that {@code block} is the trusted one (its hash) and
   * its certificate. Blocks below it are not stored: this node serves blocks from there on.
   * Throws {@link InvalidBlockException} (nothing changed) when the entries do not match.
   */
  public void restoreSnapshot(Block block, byte[] certificate, List<StateEntry> entries) {
    synchronized (writeLock) {
      if (head.height() != 0) {
        throw new IllegalStateException("a snapshot can only start a fresh node (head is "
            + head.height() + ")");
      }
      require(block.height() > 0,
          InvalidBlockException.Reason.SNAPSHOT_MISMATCH,
          "a snapshot is of a block above genesis");
      require(block.header().chainId().equals(params().chainId()),
          InvalidBlockException.Reason.WRONG_CHAIN, "wrong chain id");
      revertPrepared();
      MerkleStateTree fresh = new MerkleStateTree();
      long supply = 0;
      for (StateEntry e : entries) {
        require(modules.stateColumns().contains(e.column()),
            InvalidBlockException.Reason.SNAPSHOT_MISMATCH, "not a state column: " + e.column());
        fresh.put(StateKey.treeKey(e.column(), e.key()), Digests.sha256(e.value()));
        supply = Math.addExact(supply, this.supply.units(e.column(), e.value()));
      }
      require(fresh.size() == entries.size(),
          InvalidBlockException.Reason.SNAPSHOT_MISMATCH,
          "the snapshot repeats a key");
      require(fresh.root().equals(block.header().stateRoot()),
          InvalidBlockException.Reason.SNAPSHOT_MISMATCH,
          "the snapshot's state does not match the state root of block " + block.height());
      require(supply == org.bcos.types.Amount.TOTAL_SUPPLY_UNITS,
          InvalidBlockException.Reason.SNAPSHOT_MISMATCH,
          "the snapshot holds " + supply + " units, not the total supply");
      WriteBatch batch = new WriteBatch();
      java.util.List<Hash> oldKeys = new ArrayList<>();
      for (Column column : modules.stateColumns()) {
        store.forEach(column, new byte[0], (k, v) -> {
          batch.delete(column, k);
          oldKeys.add(StateKey.treeKey(column, k));
        });
      }
      for (StateEntry e : entries) batch.put(e.column(), e.key(), e.value());
      batch.put(ChainSchema.COMMITS, heightKey(block.height()), certificate.clone());
      putBlock(batch, block);
      store.commit(batch);
      for (Hash k : oldKeys) tree.remove(k);
      for (StateEntry e : entries) {
        tree.put(StateKey.treeKey(e.column(), e.key()), Digests.sha256(e.value()));
      }
      recordValidatorSets(store, modules, validatorSets);
      head = block;
      refreshHead();
    }
  }

  /** A block (or state snapshot) refused on import, with why; the ledger is unchanged. */
  public static final class InvalidBlockException extends RuntimeException {
    /** Why a block was refused. */
    public enum Reason {
      WRONG_HEIGHT,
      WRONG_PARENT,
      WRONG_CHAIN,
      TIME_BACKWARDS,
      NOT_A_VALIDATOR,
      BAD_SIGNATURE,
      TX_ROOT_MISMATCH,
      INVALID_TRANSACTION,
      SUPPLY_CHANGED,
      STATE_ROOT_MISMATCH,
      SNAPSHOT_MISMATCH,
      WRONG_PROTOCOL_VERSION,
      /** The header format does not match the version (format 3 exactly from version 3 on). */
      WRONG_BLOCK_FORMAT,
      /** The carried certificate is not the one the header's lastCommitHash commits to. */
      LAST_COMMIT_HASH_MISMATCH,
      /** A block after block 1 of a version with last commits carries none. */
      LAST_COMMIT_MISSING,
      /** Block 1 carries a certificate (genesis is not voted on). */
      LAST_COMMIT_UNEXPECTED,
      /** The carried certificate fails the commit check (the message names the problem). */
      LAST_COMMIT_INVALID
    }

    private final Reason reason;

    public InvalidBlockException(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private static void require(boolean ok, InvalidBlockException.Reason reason, String what) {
    if (!ok) throw new InvalidBlockException(reason, what);
  }

  private static void putBlock(WriteBatch batch, Block block) {
    byte[] height = heightKey(block.height());
    batch.put(ChainSchema.BLOCKS, height, block.encode());
    batch.put(ChainSchema.BLOCK_HASHES, block.hash().toBytes(), height);
    batch.put(ChainSchema.META, HEAD_KEY, height);
  }

  static byte[] heightKey(long height) {
    return new Encoder(8).u64(height).toByteArray();
  }

  private static long decodeHeight(byte[] raw) {
    return new org.bcos.types.codec.Decoder(raw).u64();
  }
}
