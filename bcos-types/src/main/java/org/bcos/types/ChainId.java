package org.bcos.types;

/**
 * The one rule for a chain id, which every layer that carries one applies: the genesis and chain
 * parameters, consensus signing (the id is in every signed vote and proposal), the P2P handshake,
 * the transaction codec. A chain id is 1 to {@value #MAX_LENGTH} characters of {@code a-z},
 * {@code 0-9} and {@code -}, not starting with {@code -}. Being ASCII, its UTF-8 encoding has as
 * many bytes as characters, so {@link #MAX_LENGTH} also bounds the encoded form.
 *
 * <p>Peers meet on a <em>network id</em>: the chain id, optionally followed by {@code /} and the
 * first {@value #GENESIS_TAG_DIGITS} hex digits of the genesis hash ({@link #networkId}), so that
 * two chains that share an id but not a genesis refuse each other at the handshake.
 */
public final class ChainId {
  /** Most characters (and UTF-8 bytes) in a chain id. */
  public static final int MAX_LENGTH = 32;

  /** Hex digits of the genesis hash in a {@link #networkId}. */
  public static final int GENESIS_TAG_DIGITS = 16;

  /** Most characters (and UTF-8 bytes) in a network id. */
  public static final int MAX_NETWORK_ID_LENGTH = MAX_LENGTH + 1 + GENESIS_TAG_DIGITS;

  /** The rule in words, as errors name it. */
  public static final String RULE =
      "1-" + MAX_LENGTH + " characters of a-z, 0-9 and '-', not starting with '-'";

  private ChainId() {}

  /**
   * Returns {@code chainId} when it follows the rule.
   *
   * @throws IllegalArgumentException naming the rule and the value, when it does not
   */
  public static String check(String chainId) {
    if (!isValid(chainId)) {
      throw new IllegalArgumentException("chain id must be " + RULE + ", got "
          + (chainId == null ? "none" : "'" + chainId + "'"));
    }
    return chainId;
  }

  /** The network id of chain {@code chainId} with genesis {@code genesisHash}. */
  public static String networkId(String chainId, Hash genesisHash) {
    return check(chainId) + "/" + genesisHash.toHex().substring(0, GENESIS_TAG_DIGITS);
  }

  /**
   * Returns {@code networkId} when it is a chain id, alone or with its genesis tag.
   *
   * @throws IllegalArgumentException naming the rule and the value, when it is not
   */
  public static String checkNetworkId(String networkId) {
    int slash = networkId == null ? -1 : networkId.indexOf('/');
    if (slash < 0) return check(networkId);
    check(networkId.substring(0, slash));
    String tag = networkId.substring(slash + 1);
    if (tag.length() != GENESIS_TAG_DIGITS || !isLowerHex(tag)) {
      throw new IllegalArgumentException("network id must be a chain id, alone or followed by '/'"
          + " and " + GENESIS_TAG_DIGITS + " lowercase hex digits of the genesis hash, got '"
          + networkId + "'");
    }
    return networkId;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  }

  /**
   * Whether {@code chainId} follows the rule (a loop, not a regex: consensus checks it for every
   * signature).
   */
  public static boolean isValid(String chainId) {
    if (chainId == null || chainId.isEmpty() || chainId.length() > MAX_LENGTH) return false;
    if (chainId.charAt(0) == '-') return false;
    for (int i = 0; i < chainId.length(); i++) {
      char c = chainId.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
  }
}
