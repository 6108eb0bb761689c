package org.bcos.types;

/**
 * The one rule for a chain id, which every layer that carries one applies: the genesis and chain
 * parameters, consensus signing (the id is in every signed vote and proposal), the P2P handshake,
 * the transaction codec. A chain id is 1 to {@value #MAX_LENGTH} characters of {@code a-z},
 * {@code 0-9} and {@code -}, not starting with {@code -}. Being ASCII, its UTF-8 encoding has as
 * many bytes as characters, so {@link #MAX_LENGTH} also bounds the encoded form.
 */
public final class ChainId {
  /** Most characters (and UTF-8 bytes) in a chain id. */
  public static final int MAX_LENGTH = 32;

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

  /** Whether {@code chainId} follows the rule (a loop, not a regex: consensus checks it per signature). */
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
