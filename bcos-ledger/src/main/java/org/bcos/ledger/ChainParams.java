package org.bcos.ledger;

import org.bcos.types.Amount;

/**
 * Consensus-relevant limits and prices of a chain. Every limit is explicit and checked here; all
 * nodes of a chain must use the same values (they come from the genesis).
 */
public record ChainParams(
    String chainId,
    long minFeeUnits,
    int maxTxsPerBlock,
    long maxBlockBytes,
    long maxExpiryDeltaBlocks,
    int maxNonceGap,
    int nodeIdPowBits) {

  /** 0.0001 DDC: a 100 DDC payment pays 0.0001%. */
  public static final long DEFAULT_MIN_FEE_UNITS = Amount.UNITS_PER_DDC / 10_000;

  /**
   * Leading zero bits every P2P node id must show (S/Kademlia-style identity puzzle): 16 costs
   * about 65,000 hashes per identity.
   */
  public static final int DEFAULT_NODE_ID_POW_BITS = 16;

  /** Upper bound of {@link #nodeIdPowBits()} (the P2P layer's own limit). */
  public static final int MAX_NODE_ID_POW_BITS = 32;

  public ChainParams {
    org.bcos.types.ChainId.check(chainId);
    check(minFeeUnits >= 0 && minFeeUnits <= Amount.UNITS_PER_DDC, "minFeeUnits");
    check(maxTxsPerBlock >= 1 && maxTxsPerBlock <= 100_000, "maxTxsPerBlock (1..100000)");
    check(maxBlockBytes >= 4096 && maxBlockBytes <= 256L << 20, "maxBlockBytes (4 KiB..256 MiB)");
    check(maxExpiryDeltaBlocks >= 1 && maxExpiryDeltaBlocks <= 1_000_000, "maxExpiryDeltaBlocks");
    check(maxNonceGap >= 0 && maxNonceGap <= 10_000, "maxNonceGap (0..10000)");
    check(nodeIdPowBits >= 0 && nodeIdPowBits <= MAX_NODE_ID_POW_BITS,
        "nodeIdPowBits (0.." + MAX_NODE_ID_POW_BITS + ")");
  }

  private static void check(boolean ok, String what) {
    if (!ok) throw new IllegalArgumentException("chain parameter out of range: " + what);
  }

  public static ChainParams defaults(String chainId) {
    return new ChainParams(chainId, DEFAULT_MIN_FEE_UNITS, 20_000, 16L << 20, 100_000, 1_000,
        DEFAULT_NODE_ID_POW_BITS);
  }
}
