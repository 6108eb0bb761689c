package org.bcos.types.tx;

/**
 * Every named reason a transaction (or its encoding) is refused. The numeric code is stable: it is
 * what the JSON-RPC API returns (as {@code error.data.reason} and {@code error.code}) and it is
 * never reused. Expected failures are values of this enum, never exceptions in the ledger.
 */
public enum Rejection {
  MALFORMED_ENCODING(-32001, "the transaction bytes are not a valid canonical encoding"),
  MALFORMED_HEX(-32002, "the transaction is not valid hexadecimal"),
  WRONG_CHAIN_ID(-32003, "the transaction is for a different chain"),
  BAD_SIGNATURE(-32004, "the signature does not verify for the sender"),
  NONCE_TOO_LOW(-32005, "the nonce was already used by this sender"),
  NONCE_GAP_TOO_LARGE(-32006, "the nonce is too far ahead of the sender's next nonce"),
  INSUFFICIENT_BALANCE(-32007, "the balance does not cover amount plus fee"),
  AMOUNT_NOT_POSITIVE(-32008, "the amount must be greater than zero"),
  AMOUNT_OVERFLOW(-32009, "the amount plus fee overflows"),
  EXPIRED(-32010, "the transaction's expiry height has passed"),
  EXPIRY_TOO_FAR(-32011, "the expiry height is further ahead than allowed"),
  OVERSIZED(-32012, "the transaction is larger than the size limit"),
  FEE_TOO_LOW(-32013, "the fee is below the minimum fee"),
  UNKNOWN_SENDER(-32014, "the sender account does not exist on chain"),
  MEMPOOL_FULL(-32015, "the mempool is full and the fee is too low to evict another"),
  SENDER_QUEUE_FULL(-32016, "this sender has too many pending transactions"),
  MEMO_TOO_LONG(-32017, "the memo is longer than allowed"),
  ALREADY_KNOWN(-32018, "the transaction is already pending or final"),
  SELF_TRANSFER(-32019, "sender and recipient are the same account"),
  UNSUPPORTED_VERSION(-32020, "the transaction format version is not supported"),
  FEE_FREE_QUOTA_FULL(-32021, "too many fee-free transactions are pending, from this sender or "
      + "in all; pay the minimum fee or wait for the next blocks"),
  NODE_UNHEALTHY(-32022, "the node is not admitting transactions now (see GET /health for why)"),
  EARLIER_TX_DROPPED(-32023, "an earlier transaction of this sender was dropped, so this one "
      + "cannot execute until that nonce is sent again"),
  UNKNOWN_COMMUNITY(-32050, "there is no DVS community with that id"),
  UNKNOWN_AREA(-32051, "the community has no area with that id"),
  UNKNOWN_ISSUE(-32052, "there is no DVS issue with that id"),
  NOT_REGISTRAR(-32053, "only the community's registrars may do this"),
  NOT_A_MEMBER(-32054, "the account is not a member of the community"),
  INVALID_WEIGHT(-32055, "the member weight is not allowed for this electorate"),
  VOTING_CLOSED(-32056, "the issue is not in its voting phase"),
  WRONG_PHASE(-32057, "the issue is not in a phase that allows this"),
  INVALID_BALLOT(-32058, "the ballot does not fit the issue's method and options"),
  SELF_DELEGATION(-32059, "a member cannot delegate to itself"),
  DELEGATE_REFUSES(-32060, "the delegate refuses incoming delegations"),
  DELEGATE_NOT_MEMBER(-32061, "the delegate is not a member of the community"),
  CHAIN_TOO_LONG(-32062, "the delegation would exceed the community's maximum chain length"),
  STAMP_INSUFFICIENT(-32063, "a fee-free transaction needs a proof-of-work stamp of the "
      + "community's difficulty"),
  INVALID_DVS_INPUT(-32064, "a name, text, option list or parameter is out of bounds"),
  TREASURY_INSUFFICIENT(-32065, "the community treasury cannot pay this"),
  INVALID_EVIDENCE(-32070, "the evidence is not two conflicting messages validly signed by a "
      + "validator of that height"),
  EVIDENCE_TOO_OLD(-32071, "the evidence is older than the chain keeps evidence valid, or from "
      + "a future height"),
  OFFENDER_NOT_ACTIVE(-32072, "the offender is not an active validator (already slashed?)"),
  LAST_VALIDATOR(-32073, "slashing would leave the chain without validators");

  private final int code;
  private final String sentence;

  Rejection(int code, String sentence) {
    this.code = code;
    this.sentence = sentence;
  }

  /** Stable JSON-RPC error code. */
  public int code() {
    return code;
  }

  /** A clear sentence for people. */
  public String sentence() {
    return sentence;
  }

  public static Rejection fromCode(int code) {
    for (Rejection r : values()) {
      if (r.code == code) return r;
    }
    return null;
  }
}
