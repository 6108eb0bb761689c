package org.bcos.types.tx;

/**
 * A named reason a transaction (or its encoding) is refused. Each ledger module owns the reasons
 * of its own messages (an enum in its {@code api} package); the envelope's reasons are {@link
 * TxRejection}. The numeric code is stable: it is what the JSON-RPC API returns (as {@code
 * error.data.reason} and {@code error.code}) and it is never reused; the module registry refuses
 * two reasons with one code or one name. Expected failures are values, never exceptions.
 */
public interface Rejection {
  /** Stable JSON-RPC error code. */
  int code();

  /** Stable upper-case name, e.g. {@code NONCE_TOO_LOW}. */
  String name();

  /** A clear sentence for people. */
  String sentence();
}
