package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;
import org.bcos.types.ChainId;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A signed ⟨PROPOSAL, height, round, value, validRound⟩ (validRound −1 when the proposer has no
 * valid value from an earlier round). The value is opaque to consensus; votes refer to it by {@link
 * #valueId()}. The signature covers SHA-256 under the domain {@value #DOMAIN} of the canonical
 * encoding of (chain id, height, round, value id, validRound + 1, proposer); like a {@link Vote}'s,
 * the chain id is signed but not sent.
 */
public record Proposal(
    long height, int round, byte[] value, int validRound, Address proposer, byte[] signature)
    implements ConsensusMessage {
  public static final String DOMAIN = "BCOS/proposal/v2";
  public static final String VALUE_DOMAIN = "BCOS/value/v1";

  public Proposal {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(signature, "signature");
    if (height < 1 || round < 0) throw new IllegalArgumentException("bad height/round");
    if (validRound < -1 || validRound >= round) {
      throw new IllegalArgumentException("validRound must be in [-1, round), got " + validRound);
    }
    value = value.clone();
    signature = signature.clone();
  }

  /**
   * Creates and signs a proposal with {@code signer}'s key, once the signer has {@linkplain
   * Signer#authorize authorized} it.
   *
   * @throws SigningRefusedException when the signer refuses
   */
  public static Proposal sign(
      String chainId, long height, int round, byte[] value, int validRound, Signer signer) {
    byte[] msg = signingBytes(chainId, height, round, valueId(value), validRound, signer.address());
    signer.authorize(height, round, Signer.PROPOSAL, valueId(value), msg);
    return new Proposal(height, round, value, validRound, signer.address(), signer.sign(msg));
  }

  /** The id that votes carry for {@code value}. */
  public static Hash valueId(byte[] value) {
    return Digests.domain(VALUE_DOMAIN, value);
  }

  public Hash valueId() {
    return valueId(value);
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public Address signer() {
    return proposer;
  }

  @Override
  public byte[] signingBytes(String chainId) {
    return signingBytes(chainId, height, round, valueId(), validRound, proposer);
  }

  /** Whether the signature is {@link #proposer()}'s over this proposal on chain {@code chainId}. */
  public boolean verify(String chainId, SignatureVerifier verifier) {
    return verifier.verify(proposer.toBytes(), signingBytes(chainId), signature);
  }

  /** Same height, round and proposer (the slot a proposer may sign only once). */
  public boolean sameSlot(Proposal other) {
    return height == other.height && round == other.round && proposer.equals(other.proposer);
  }

  /** Whether {@code other} is a different signed statement for the same slot (value or validRound). */
  public boolean conflictsWith(Proposal other) {
    return sameSlot(other)
        && (validRound != other.validRound || !Arrays.equals(value, other.value));
  }

  private static byte[] signingBytes(
      String chainId, long height, int round, Hash id, int validRound, Address who) {
    byte[] body =
        new Encoder(128).string(ChainId.check(chainId)).u64(height).u32(round)
            .hash(id).u32(validRound + 1L).address(who).toByteArray();
    return Digests.domain(DOMAIN, body).toBytes();
  }

  public byte[] encode() {
    return new Encoder(value.length + 128)
        .u64(height)
        .u32(round)
        .bytes(value)
        .u32(validRound + 1L)
        .address(proposer)
        .fixed(signature)
        .toByteArray();
  }

  /** Strict decode of {@link #encode()}; throws {@code CodecException} on any malformed input. */
  public static Proposal decode(byte[] bytes, int maxValueBytes) {
    Decoder d = new Decoder(bytes);
    Proposal p = read(d, maxValueBytes);
    d.finish();
    return p;
  }

  static Proposal read(Decoder d, int maxValueBytes) {
    long height = d.u64();
    long round = d.u32();
    byte[] value = d.bytes(maxValueBytes);
    long validRoundPlusOne = d.u32();
    Address who = d.address();
    byte[] sig = d.fixed(Vote.SIGNATURE_BYTES);
    if (height < 1 || round > Integer.MAX_VALUE || validRoundPlusOne > round) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "bad height/round");
    }
    return new Proposal(height, (int) round, value, (int) validRoundPlusOne - 1, who, sig);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Proposal p
        && height == p.height
        && round == p.round
        && validRound == p.validRound
        && proposer.equals(p.proposer)
        && Arrays.equals(value, p.value)
        && Arrays.equals(signature, p.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, round, validRound, proposer, Arrays.hashCode(value));
  }

  @Override
  public String toString() {
    return "PROPOSAL(h=" + height + ", r=" + round + ", " + Vote.shortId(valueId()) + ", vr="
        + validRound + ", by " + Vote.shortId(proposer) + ")";
  }
}
