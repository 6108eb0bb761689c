package org.bcos.types;

/**
 * The one rule for chain ids: 1 to {@value #MAX_LENGTH} characters of {@code [a-z0-9-]}, starting
 * with a letter or digit. A chain id names the chain in every signed transaction, vote and block.
 */
public final class ChainId {
  public static final int MAX_LENGTH = 32;

  private ChainId() {}

  /** Returns {@code chainId}, or throws naming the rule. */
  public static String check(String chainId) {
    if (chainId == null || chainId.isEmpty() || chainId.length() > MAX_LENGTH
        || !chainId.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("chain id must be 1-" + MAX_LENGTH
          + " characters of [a-z0-9-], starting with a letter or digit: " + chainId);
    }
    return chainId;
  }
}
