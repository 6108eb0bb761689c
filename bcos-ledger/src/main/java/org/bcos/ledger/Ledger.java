package org.bcos.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.coin.CoinSchema;
import org.bcos.ledger.coin.CoinStore;
import org.bcos.ledger.coin.SupplyInvariant;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.CoinView;
import org.bcos.ledger.stake.EvidenceCheck;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.stake.StakeSchema;
import org.bcos.ledger.stake.StakeStore;
import org.bcos.ledger.stake.ValidatorPower;
import org.bcos.ledger.stake.ValidatorSets;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.tx.TransactionProcessor;
import org.bcos.ledger.tx.TxContext;
import org.bcos.ledger.tx.Verdict;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.storage.WriteBatch;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * The chain's state machine over a {@link KeyValueStore}: builds blocks from candidate
 * transactions, imports blocks built elsewhere (re-executing them), and answers queries. Each block
 * commits as one atomic, synced write batch holding its state changes, the block, its indexes and
 * the new head, so a crash at any moment leaves either the whole block or none of it.
 * Deterministic: the same blocks give the same state root on every node.
 */
public final class Ledger implements CoinView {
  private static final byte[] HEAD_KEY = "head".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GENESIS_KEY = "genesis".getBytes(StandardCharsets.US_ASCII);

  private final KeyValueStore store;
  private final Genesis genesis;
  private final TransactionProcessor processor;
  private final SignatureCheck signatures;
  private final MerkleStateTree tree;
  private final ValidatorSets validatorSets;
  private final Object writeLock = new Object();
  private volatile Block head;
  // the last block prepared (executed, not committed); when `prepared.inTree`, its changes are
  // applied to the tree, which must be reverted before the tree is used for anything else
  private Prepared prepared;

  /** A block executed against the head but not committed: its state changes, ready to write. */
  private static final class Prepared {
    final Block block;
    final Hash parentHash;
    final WorkingState working;
    final WriteBatch batch;
    boolean inTree;

    Prepared(Block block, Hash parentHash, WorkingState working, WriteBatch batch) {
      this.block = block;
      this.parentHash = parentHash;
      this.working = working;
      this.batch = batch;
      this.inTree = true;
    }
  }

  private Ledger(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      EvidenceCheck evidence, MerkleStateTree tree, ValidatorSets sets, Block head) {
    this.store = store;
    this.genesis = genesis;
    this.validatorSets = sets;
    this.processor = new TransactionProcessor(genesis.params(), new StakeModule(evidence, sets));
    this.signatures = signatures;
    this.tree = tree;
    this.head = head;
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
    ValidatorSets sets = new ValidatorSets(genesis);
    Block genesisBlock = genesisBlock(genesis);
    byte[] storedGenesis = store.get(ChainSchema.META, GENESIS_KEY);
    MerkleStateTree tree = new MerkleStateTree();
    if (storedGenesis == null) {
      WorkingState working = new WorkingState(store);
      applyGenesis(genesis, working);
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      batch.put(ChainSchema.META, GENESIS_KEY, genesisBlock.hash().toBytes());
      putBlock(batch, genesisBlock);
      store.commit(batch);
      SupplyInvariant.checkTotal(store);
      return new Ledger(store, genesis, signatures, evidence, tree, sets, genesisBlock);
    }
    if (!Hash.wrap(storedGenesis).equals(genesisBlock.hash())) {
      throw new IllegalStateException("the data directory holds a different chain (genesis "
          + Hash.wrap(storedGenesis).toHex() + ", this genesis is " + genesisBlock.hash().toHex()
          + ")");
    }
    rebuildTree(store, tree);
    long headHeight = decodeHeight(store.get(ChainSchema.META, HEAD_KEY));
    Block head = Block.decode(store.get(ChainSchema.BLOCKS, heightKey(headHeight)));
    Invariants.check(tree.root().equals(head.header().stateRoot()),
        "stored state does not match the state root of block " + headHeight);
    SupplyInvariant.checkTotal(store);
    store.forEach(StakeSchema.SET_CHANGES, new byte[0], (k, v) ->
        sets.recordChange(StakeStore.decodeHeightKey(k), ValidatorPower.decodeSet(v)));
    return new Ledger(store, genesis, signatures, evidence, tree, sets, head);
  }

  /** The genesis block is defined by the genesis alone: unsigned, no transactions, height 0. */
  static Block genesisBlock(Genesis genesis) {
    WorkingState working = new WorkingState(new InMemoryStore());
    applyGenesis(genesis, working);
    MerkleStateTree scratch = new MerkleStateTree();
    working.writeTo(new WriteBatch(), scratch);
    BlockHeader header = new BlockHeader(genesis.params().chainId(), 0, genesis.timeMillis(),
        Hash.ZERO, TxRoot.of(List.of()), scratch.root(), genesis.validators().get(0).address(), 0);
    return new Block(header, new byte[64], List.of());
  }

  private static void applyGenesis(Genesis genesis, WorkingState working) {
    CoinStore coins = new CoinStore(working);
    for (Genesis.Allocation a : genesis.allocations()) {
      coins.put(a.address(), new Account(a.units(), 0));
    }
    StakeModule.applyGenesis(genesis, working);
  }

  private static void rebuildTree(KeyValueStore store, MerkleStateTree tree) {
    for (var column : ChainSchema.STATE_COLUMNS) {
      store.forEach(column, new byte[0],
          (k, v) -> tree.put(StateKey.treeKey(column, k), Digests.sha256(v)));
    }
  }

  public Genesis genesis() {
    return genesis;
  }

  public ChainParams params() {
    return genesis.params();
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

  public Hash genesisHash() {
    return Hash.wrap(store.get(ChainSchema.META, GENESIS_KEY));
  }

  /** Committed account state. */
  @Override
  public Optional<Account> account(Address address) {
    byte[] raw = store.get(CoinSchema.ACCOUNTS, address.toBytes());
    return raw == null ? Optional.empty() : Optional.of(Account.decode(raw));
  }

  /** Account state with a Merkle proof against the head's state root, read atomically. */
  public AccountProof proveAccount(Address address) {
    synchronized (writeLock) {
      liftPrepared();
      Hash key = StateKey.treeKey(CoinSchema.ACCOUNTS, address.toBytes());
      return new AccountProof(head.height(), head.header().stateRoot(), account(address),
          tree.prove(key));
    }
  }

  /** An account read with its inclusion (or exclusion) proof at {@code height}. */
  public record AccountProof(long height, Hash stateRoot, Optional<Account> account,
      MerkleProof proof) {}

  /** Read-only DVS state as committed (a fresh view per call). */
  public org.bcos.ledger.dvs.DvsStore dvsView() {
    return new org.bcos.ledger.dvs.DvsStore(new WorkingState(store));
  }

  /**
   * Committed entries of a state column under {@code prefix}, in key order (for recounts): at
   * most {@code limit}, and the scan stops there (a caller's limit bounds its cost, not only its
   * answer).
   */
  public List<java.util.Map.Entry<byte[], byte[]>> stateEntries(org.bcos.storage.Column column,
      byte[] prefix, int limit) {
    List<java.util.Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    if (limit <= 0) return out;
    try {
      store.forEach(column, prefix, (k, v) -> {
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
    return raw == null ? Optional.empty() : Optional.of(Block.decode(raw));
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
    if (!FinalTx.isLocationOnly(raw)) return Optional.of(FinalTx.decode(raw));
    TxLocation location = FinalTx.location(raw);
    return block(location.height()).map(b ->
        new FinalTx(location, b.hash(), b.transactions().get(location.index())));
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
      commitBlock(result.block(), new byte[0]);
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
      TxContext ctx = TxContext.forBlock(params(), height, proposer, working);
      List<Transaction> included = new ArrayList<>();
      List<BlockResult.Skipped> skipped = new ArrayList<>();
      long bytes = 0;
      for (Transaction tx : candidates) {
        if (included.size() >= params().maxTxsPerBlock()
            || bytes + tx.encodedSize() > params().maxBlockBytes()) {
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
      processor.dvs().endBlock(ctx);
      SupplyInvariant.checkBlock(working, store);
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      long time = Math.max(nowMillis, parent.header().timeMillis());
      BlockHeader header = new BlockHeader(params().chainId(), height, time, parent.hash(),
          TxRoot.of(included.stream().map(Transaction::hash).toList()), tree.root(), proposer,
          included.size());
      Block block = new Block(header, proposerKey.sign(header.hash().toBytes()), included);
      prepared = new Prepared(block, parent.hash(), working, batch);
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
    TxContext ctx = TxContext.forBlock(params(), parent.height() + 1,
        parent.header().proposer(), new WorkingState(store));
    Optional<Account> found = ctx.coins().find(tx.sender());
    if (found.isPresent() || TransactionProcessor.isFeeFree(tx)) {
      Account sender = found.orElse(Account.EMPTY);
      if (tx.nonce() > sender.nonce()) {
        ctx.coins().put(tx.sender(), new Account(sender.balanceUnits(), tx.nonce()));
      }
    }
    return processor.execute(ctx, tx);
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
      require(h.height() == parent.height() + 1, "height " + h.height() + " does not follow "
          + parent.height());
      require(h.previousHash().equals(parent.hash()), "previous hash does not match the head");
      require(h.chainId().equals(params().chainId()), "wrong chain id " + h.chainId());
      require(h.timeMillis() >= parent.header().timeMillis(), "block time goes backwards");
      require(isValidatorAt(h.proposer(), h.height()),
          "proposer " + h.proposer() + " is not a validator at height " + h.height());
      require(Ed25519.verify(h.proposer().toBytes(), h.hash().toBytes(), block.signature()),
          "block signature does not verify");
      require(h.txRoot().equals(TxRoot.of(block.transactions().stream()
          .map(Transaction::hash).toList())), "tx root does not match the transactions");
      WorkingState working = new WorkingState(store);
      TxContext ctx = TxContext.forBlock(params(), h.height(), h.proposer(), working);
      for (Transaction tx : block.transactions()) {
        Verdict v = check(ctx, tx);
        require(v.ok(), "transaction " + tx.hash() + " is invalid: " + v.message());
      }
      processor.dvs().endBlock(ctx);
      try {
        SupplyInvariant.checkBlock(working, store);
      } catch (IllegalStateException e) {
        throw new InvalidBlockException("block " + h.height() + " breaks the supply: "
            + e.getMessage());
      }
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      if (!tree.root().equals(h.stateRoot())) {
        working.revertIn(tree);
        throw new InvalidBlockException("state root mismatch at height " + h.height());
      }
      prepared = new Prepared(block, parent.hash(), working, batch);
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
      try {
        store.commit(p.batch);
      } catch (RuntimeException e) {
        revertPrepared(); // the tree goes back to the head's state; nothing was written
        throw e;
      }
      prepared = null;
      byte[] change = p.working.get(StakeSchema.SET_CHANGES, StakeStore.heightKey(block.height()));
      if (change != null) {
        validatorSets.recordChange(block.height(), ValidatorPower.decodeSet(change));
      }
      head = block;
    }
  }

  /** Checks and commits a block built elsewhere, without a certificate (tests and tools). */
  public void importBlock(Block block) {
    commitBlock(block, new byte[0]);
  }

  private Verdict check(TxContext ctx, Transaction tx) {
    Verdict v = processor.checkStateless(tx);
    if (v.ok() && !signatures.verify(tx)) v = Verdict.reject(Rejection.BAD_SIGNATURE, "");
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
   * Whether {@code block} is the prepared one (header, and so its transactions, and signature),
   * with its changes back in the tree.
   */
  private boolean isPrepared(Block block) {
    Prepared p = prepared;
    if (p == null || !p.parentHash.equals(head.hash()) || !p.block.hash().equals(block.hash())
        || !java.util.Arrays.equals(p.block.signature(), block.signature())) {
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
  public record StateView(Block head, byte[] certificate, KeyValueStore.ReadView view)
      implements AutoCloseable {
    /** Visits every state entry, column by column in schema order, keys ascending. */
    public void forEachEntry(java.util.function.Consumer<StateEntry> visitor) {
      for (Column column : ChainSchema.STATE_COLUMNS) {
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
          store.snapshot());
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
      require(block.height() > 0, "a snapshot is of a block above genesis");
      require(block.header().chainId().equals(params().chainId()), "wrong chain id");
      revertPrepared();
      MerkleStateTree fresh = new MerkleStateTree();
      long supply = 0;
      for (StateEntry e : entries) {
        require(ChainSchema.STATE_COLUMNS.contains(e.column()), "not a state column: "
            + e.column());
        fresh.put(StateKey.treeKey(e.column(), e.key()), Digests.sha256(e.value()));
        supply = Math.addExact(supply, SupplyInvariant.units(e.column(), e.value()));
      }
      require(fresh.size() == entries.size(), "the snapshot repeats a key");
      require(fresh.root().equals(block.header().stateRoot()),
          "the snapshot's state does not match the state root of block " + block.height());
      require(supply == org.bcos.types.Amount.TOTAL_SUPPLY_UNITS,
          "the snapshot holds " + supply + " units, not the total supply");
      WriteBatch batch = new WriteBatch();
      java.util.List<Hash> oldKeys = new ArrayList<>();
      for (Column column : ChainSchema.STATE_COLUMNS) {
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
      for (StateEntry e : entries) {
        if (e.column().id() == StakeSchema.SET_CHANGES.id()) {
          validatorSets.recordChange(StakeStore.decodeHeightKey(e.key()),
              ValidatorPower.decodeSet(e.value()));
        }
      }
      head = block;
    }
  }

  /** A block refused on import; the ledger is unchanged. */
  public static final class InvalidBlockException extends RuntimeException {
    public InvalidBlockException(String message) {
      super(message);
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) throw new InvalidBlockException(what);
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
