package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;
import org.bcos.types.ChainId;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A signed prevote or precommit for a value id, or for nil ({@code valueId == null}). The signature
 * covers {@link #signingBytes(String)}: SHA-256 under the domain {@value #DOMAIN} of the canonical
 * encoding of (chain id, type, height, round, value id or nil, validator). The chain id is signed but
 * not sent: a verifier supplies its own, so a vote of one chain never verifies on another.
 */
public record Vote(
    VoteType type, long height, int round, Hash valueId, Address validator, byte[] signature)
    implements ConsensusMessage {
  public static final String DOMAIN = "BCOS/vote/v2";
  public static final int SIGNATURE_BYTES = 64;

  public Vote {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(validator, "validator");
    Objects.requireNonNull(signature, "signature");
    if (height < 1 || round < 0) throw new IllegalArgumentException("bad height/round");
    signature = signature.clone();
  }

  /**
   * Creates and signs a vote with {@code signer}'s key, once the signer has {@linkplain
   * Signer#authorize authorized} it.
   *
   * @throws SigningRefusedException when the signer refuses
   */
  public static Vote sign(
      String chainId, VoteType type, long height, int round, Hash valueId, Signer signer) {
    byte[] msg = signingBytes(chainId, type, height, round, valueId, signer.address());
    signer.authorize(height, round, Signer.kindOf(type), valueId, msg);
    return new Vote(type, height, round, valueId, signer.address(), signer.sign(msg));
  }

  public boolean isNil() {
    return valueId == null;
  }

  @Override
  public Address signer() {
    return validator;
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public byte[] signingBytes(String chainId) {
    return signingBytes(chainId, type, height, round, valueId, validator);
  }

  /** Whether the signature is {@link #validator()}'s over this vote on chain {@code chainId}. */
  public boolean verify(String chainId, SignatureVerifier verifier) {
    return verifier.verify(validator.toBytes(), signingBytes(chainId), signature);
  }

  static byte[] signingBytes(
      String chainId, VoteType type, long height, int round, Hash valueId, Address who) {
    Encoder e = new Encoder(128).string(ChainId.check(chainId)).u8(type.code())
        .u64(height).u32(round).bool(valueId != null);
    if (valueId != null) e.hash(valueId);
    e.address(who);
    return Digests.domain(DOMAIN, e.toByteArray()).toBytes();
  }

  /** The canonical wire form (fields, then the 64-byte signature). */
  public byte[] encode() {
    Encoder e = new Encoder(160).u8(type.code()).u64(height).u32(round).bool(valueId != null);
    if (valueId != null) e.hash(valueId);
    return e.address(validator).fixed(signature).toByteArray();
  }

  /** Strict decode of {@link #encode()}; throws {@code CodecException} on any malformed input. */
  public static Vote decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    Vote v = read(d);
    d.finish();
    return v;
  }

  static Vote read(Decoder d) {
    int code = d.u8();
    VoteType type = code == 1 ? VoteType.PREVOTE : code == 2 ? VoteType.PRECOMMIT : null;
    if (type == null) {
      throw new org.bcos.types.codec.CodecException(
          org.bcos.types.codec.CodecException.Reason.INVALID_VALUE, "unknown vote type " + code);
    }
    long height = d.u64();
    long round = d.u32();
    Hash valueId = d.bool() ? d.hash() : null;
    Address who = d.address();
    byte[] sig = d.fixed(SIGNATURE_BYTES);
    if (height < 1 || round > Integer.MAX_VALUE) {
      throw new org.bcos.types.codec.CodecException(
          org.bcos.types.codec.CodecException.Reason.INVALID_VALUE, "bad height/round");
    }
    return new Vote(type, height, (int) round, valueId, who, sig);
  }

  /** Same type, height, round and validator (the slot a validator may sign only once). */
  public boolean sameSlot(Vote other) {
    return type == other.type
        && height == other.height
        && round == other.round
        && validator.equals(other.validator);
  }

  /** Whether {@code other} is a vote for the same slot with a different value (nil is a value). */
  public boolean conflictsWith(Vote other) {
    return sameSlot(other) && !Objects.equals(valueId, other.valueId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vote v
        && sameSlot(v)
        && Objects.equals(valueId, v.valueId)
        && Arrays.equals(signature, v.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, height, round, valueId, validator, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return type + "(h=" + height + ", r=" + round + ", " + (valueId == null ? "nil" : shortId(valueId))
        + ", by " + shortId(validator) + ")";
  }

  static String shortId(Object id) {
    String s = id.toString();
    return s.length() > 12 ? s.substring(0, 12) : s;
  }
}
