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
import org.bcos.ledger.state.ChainSchema;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.tx.TransactionProcessor;
import org.bcos.ledger.tx.TxContext;
import org.bcos.ledger.tx.Verdict;
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
  private final Object writeLock = new Object();
  private volatile Block head;

  private Ledger(KeyValueStore store, Genesis genesis, SignatureCheck signatures,
      MerkleStateTree tree, Block head) {
    this.store = store;
    this.genesis = genesis;
    this.processor = new TransactionProcessor(genesis.params());
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
      return new Ledger(store, genesis, signatures, tree, genesisBlock);
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
    return new Ledger(store, genesis, signatures, tree, head);
  }

  /** The genesis block is defined by the genesis alone: unsigned, no transactions, height 0. */
  static Block genesisBlock(Genesis genesis) {
    WorkingState working = new WorkingState(new InMemoryStore());
    applyGenesis(genesis, working);
    MerkleStateTree scratch = new MerkleStateTree();
    working.writeTo(new WriteBatch(), scratch);
    BlockHeader header = new BlockHeader(genesis.params().chainId(), 0, genesis.timeMillis(),
        Hash.ZERO, TxRoot.of(List.of()), scratch.root(), genesis.validator(), 0);
    return new Block(header, new byte[64], List.of());
  }

  private static void applyGenesis(Genesis genesis, WorkingState working) {
    CoinStore coins = new CoinStore(working);
    for (Genesis.Allocation a : genesis.allocations()) {
      coins.put(a.address(), new Account(a.units(), 0));
    }
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

  /** Committed entries of a state column under {@code prefix}, in key order (for recounts). */
  public List<java.util.Map.Entry<byte[], byte[]>> stateEntries(org.bcos.storage.Column column,
      byte[] prefix, int limit) {
    List<java.util.Map.Entry<byte[], byte[]>> out = new ArrayList<>();
    store.forEach(column, prefix, (k, v) -> {
      if (out.size() < limit) out.add(java.util.Map.entry(k, v));
    });
    return out;
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
    return raw == null ? Optional.empty() : Optional.of(TxLocation.decode(raw));
  }

  /**
   * Builds, signs and commits the next block from {@code candidates} (in priority order; each
   * sender's transactions in nonce order, signatures already checked). Candidates that fail are
   * left out and reported; limits on count and bytes stop the block early.
   */
  public BlockResult buildBlock(List<Transaction> candidates, Ed25519KeyPair proposerKey,
      long nowMillis) {
    synchronized (writeLock) {
      Block parent = head;
      long height = parent.height() + 1;
      Address proposer = proposerKey.address();
      if (!proposer.equals(genesis.validator())) {
        throw new IllegalArgumentException("only the validator " + genesis.validator()
            + " may build blocks, not " + proposer);
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
        // the same checks importBlock applies, so a built block is always importable
        Verdict verdict = processor.checkStateless(tx);
        if (verdict.ok() && !signatures.verify(tx)) {
          verdict = Verdict.reject(Rejection.BAD_SIGNATURE, "");
        }
        if (verdict.ok()) verdict = processor.execute(ctx, tx);
        if (verdict.ok()) {
          included.add(tx);
          bytes += tx.encodedSize();
        } else {
          skipped.add(new BlockResult.Skipped(tx, verdict));
        }
      }
      processor.dvs().endBlock(ctx);
      long time = Math.max(nowMillis, parent.header().timeMillis());
      Block block = seal(parent, height, time, proposer, included, working, proposerKey);
      return new BlockResult(block, skipped);
    }
  }

  private Block seal(Block parent, long height, long time, Address proposer,
      List<Transaction> included, WorkingState working, Ed25519KeyPair key) {
    SupplyInvariant.checkBlock(working, store);
    WriteBatch batch = new WriteBatch();
    working.writeTo(batch, tree);
    BlockHeader header = new BlockHeader(params().chainId(), height, time, parent.hash(),
        TxRoot.of(included.stream().map(Transaction::hash).toList()), tree.root(), proposer,
        included.size());
    Block block = new Block(header, key.sign(header.hash().toBytes()), included);
    commit(batch, block);
    return block;
  }

  /**
   * Imports a block built elsewhere: checks it links to the head, is signed by the validator,
   * re-executes every transaction and compares the state root. Refuses (and changes nothing) on any
   * mismatch.
   */
  public void importBlock(Block block) {
    synchronized (writeLock) {
      Block parent = head;
      BlockHeader h = block.header();
      require(h.height() == parent.height() + 1, "height " + h.height() + " does not follow "
          + parent.height());
      require(h.previousHash().equals(parent.hash()), "previous hash does not match the head");
      require(h.chainId().equals(params().chainId()), "wrong chain id " + h.chainId());
      require(h.timeMillis() >= parent.header().timeMillis(), "block time goes backwards");
      require(h.proposer().equals(genesis.validator()), "proposer is not the validator");
      require(Ed25519.verify(h.proposer().toBytes(), h.hash().toBytes(), block.signature()),
          "block signature does not verify");
      require(h.txRoot().equals(TxRoot.of(block.transactions().stream()
          .map(Transaction::hash).toList())), "tx root does not match the transactions");
      WorkingState working = new WorkingState(store);
      TxContext ctx = TxContext.forBlock(params(), h.height(), h.proposer(), working);
      for (Transaction tx : block.transactions()) {
        Verdict v = processor.checkStateless(tx);
        if (v.ok() && !signatures.verify(tx)) {
          v = Verdict.reject(Rejection.BAD_SIGNATURE, "");
        }
        if (v.ok()) v = processor.execute(ctx, tx);
        require(v.ok(), "transaction " + tx.hash() + " is invalid: " + v.message());
      }
      processor.dvs().endBlock(ctx);
      SupplyInvariant.checkBlock(working, store);
      WriteBatch batch = new WriteBatch();
      working.writeTo(batch, tree);
      if (!tree.root().equals(h.stateRoot())) {
        working.revertIn(tree);
        throw new InvalidBlockException("state root mismatch at height " + h.height());
      }
      commit(batch, block);
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

  private void commit(WriteBatch batch, Block block) {
    putBlock(batch, block);
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      batch.put(ChainSchema.TX_INDEX, txs.get(i).hash().toBytes(),
          new TxLocation(block.height(), i).encode());
    }
    store.commit(batch);
    head = block;
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
