package org.bcos.ledger;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bcos.ledger.ParamSpec.Unit;
import org.bcos.types.Amount;

/**
 * The chain parameters governing one block: the chain's id (its identity, fixed at genesis) and
 * the value of every parameter the modules declare ({@link ParamSpec}), as kept in state by the
 * params module. The core's own parameters are declared here and read through typed accessors;
 * a module reads its own with {@link #value}. All nodes of a chain see the same values, because
 * the values are state.
 *
 * @param values parameter name → value; holds at least the {@link #CORE} parameters
 */
public record ChainParams(String chainId, SortedMap<String, Long> values) {

  /** 0.0001 DDC: a 100 DDC payment pays 0.0001%. */
  public static final long DEFAULT_MIN_FEE_UNITS = Amount.UNITS_PER_DDC / 10_000;

  /**
   * Leading zero bits every P2P node id must show (S/Kademlia-style identity puzzle): 16 costs
   * about 65,000 hashes per identity.
   */
  public static final int DEFAULT_NODE_ID_POW_BITS = 16;

  /** Upper bound of {@link #nodeIdPowBits()} (the P2P layer's own limit). */
  public static final int MAX_NODE_ID_POW_BITS = 32;

  public static final ParamSpec MIN_FEE_UNITS = new ParamSpec("minFeeUnits", 0,
      Amount.UNITS_PER_DDC, DEFAULT_MIN_FEE_UNITS, Unit.BASE_UNITS,
      "Smallest fee a transaction may pay, unless it may go fee-free with a proof-of-work stamp.");
  public static final ParamSpec MAX_TXS_PER_BLOCK = new ParamSpec("maxTxsPerBlock", 1, 100_000,
      20_000, Unit.COUNT, "Most transactions one block may hold.");
  public static final ParamSpec MAX_BLOCK_BYTES = new ParamSpec("maxBlockBytes", 4096,
      256L << 20, 16L << 20, Unit.BYTES, "Most bytes of transactions one block may hold.");
  public static final ParamSpec MAX_EXPIRY_DELTA_BLOCKS = new ParamSpec("maxExpiryDeltaBlocks",
      1, 1_000_000, 100_000, Unit.BLOCKS,
      "How far ahead of the next height a transaction's expiry height may be.");
  public static final ParamSpec MAX_NONCE_GAP = new ParamSpec("maxNonceGap", 0, 10_000, 1_000,
      Unit.COUNT, "How far ahead of a sender's next nonce a pending transaction's nonce may be.");
  public static final ParamSpec NODE_ID_POW_BITS = new ParamSpec("nodeIdPowBits", 0,
      MAX_NODE_ID_POW_BITS, DEFAULT_NODE_ID_POW_BITS, Unit.BITS,
      "Leading zero bits of proof of work every P2P node id must show.");

  /** The parameters the ledger's core declares (the params module keeps them with the rest). */
  public static final List<ParamSpec> CORE = List.of(MIN_FEE_UNITS, MAX_TXS_PER_BLOCK,
      MAX_BLOCK_BYTES, MAX_EXPIRY_DELTA_BLOCKS, MAX_NONCE_GAP, NODE_ID_POW_BITS);

  public ChainParams {
    org.bcos.types.ChainId.check(chainId);
    values = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    for (ParamSpec spec : CORE) {
      Long v = values.get(spec.name());
      if (v == null) throw new IllegalArgumentException("chain parameter missing: " + spec.name());
      check(spec, v);
    }
  }

  /** Refuses {@code value} outside {@code spec}'s bounds, naming them. */
  public static void check(ParamSpec spec, long value) {
    if (!spec.allows(value)) {
      throw new IllegalArgumentException("chain parameter out of range: " + spec.name() + " ("
          + spec.min() + ".." + spec.max() + "), got " + value);
    }
  }

  /** The core parameters, given one by one (genesis files and tests). */
  public static ChainParams of(String chainId, long minFeeUnits, int maxTxsPerBlock,
      long maxBlockBytes, long maxExpiryDeltaBlocks, int maxNonceGap, int nodeIdPowBits) {
    TreeMap<String, Long> v = new TreeMap<>();
    v.put(MIN_FEE_UNITS.name(), minFeeUnits);
    v.put(MAX_TXS_PER_BLOCK.name(), (long) maxTxsPerBlock);
    v.put(MAX_BLOCK_BYTES.name(), maxBlockBytes);
    v.put(MAX_EXPIRY_DELTA_BLOCKS.name(), maxExpiryDeltaBlocks);
    v.put(MAX_NONCE_GAP.name(), (long) maxNonceGap);
    v.put(NODE_ID_POW_BITS.name(), (long) nodeIdPowBits);
    return new ChainParams(chainId, v);
  }

  /** The core parameters' defaults. */
  public static ChainParams defaults(String chainId) {
    TreeMap<String, Long> v = new TreeMap<>();
    for (ParamSpec spec : CORE) v.put(spec.name(), spec.genesisDefault());
    return new ChainParams(chainId, v);
  }

  /** The value of any parameter present. */
  public long value(String name) {
    Long v = values.get(name);
    if (v == null) throw new IllegalArgumentException("no chain parameter named " + name);
    return v;
  }

  /** A copy with {@code name} set to {@code value} (bounds are the params module's to check). */
  public ChainParams with(String name, long value) {
    TreeMap<String, Long> v = new TreeMap<>(values);
    v.put(name, value);
    return new ChainParams(chainId, v);
  }

  public long minFeeUnits() {
    return value(MIN_FEE_UNITS.name());
  }

  public int maxTxsPerBlock() {
    return (int) value(MAX_TXS_PER_BLOCK.name());
  }

  public long maxBlockBytes() {
    return value(MAX_BLOCK_BYTES.name());
  }

  public long maxExpiryDeltaBlocks() {
    return value(MAX_EXPIRY_DELTA_BLOCKS.name());
  }

  public int maxNonceGap() {
    return (int) value(MAX_NONCE_GAP.name());
  }

  public int nodeIdPowBits() {
    return (int) value(NODE_ID_POW_BITS.name());
  }
}
