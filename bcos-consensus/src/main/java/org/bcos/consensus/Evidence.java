package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Proof that a validator signed two conflicting messages for one slot: two {@link Vote}s for the
 * same height, round and type with different values (nil counts as a value), or two {@link
 * Proposal}s for the same height and round that differ in value or validRound (an honest proposer
 * signs one proposal per round, and only in its own rounds, so the pair convicts whether or not
 * the signer was the round's proposer). One shape for both: the {@link Kind} follows from the
 * messages. The pair is kept in a canonical order (by encoding), so the same offence always gives
 * the same evidence, and is checkable on its own with {@link #verify}.
 */
public record Evidence(ConsensusMessage first, ConsensusMessage second) {
  /** What was signed twice; its code leads {@link #encode()}. */
  public enum Kind {
    DUPLICATE_VOTE(1),
    DUPLICATE_PROPOSAL(2);

    private final int code;

    Kind(int code) {
      this.code = code;
    }

    /** The kind's leading byte in {@link #encode()}. */
    public int code() {
      return code;
    }

    static Kind of(ConsensusMessage message) {
      return switch (message) {
        case Vote v -> DUPLICATE_VOTE;
        case Proposal p -> DUPLICATE_PROPOSAL;
      };
    }

    static Kind ofCode(int code) {
      for (Kind k : values()) if (k.code == code) return k;
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "unknown evidence kind " + code);
    }
  }

  /**
   * Checks that the pair is an equivocation and puts it in canonical order.
   *
   * @throws IllegalArgumentException when the two messages do not conflict in one slot
   */
  public Evidence {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (!conflict(first, second)) {
      throw new IllegalArgumentException("not an equivocation: two " + Kind.of(first)
          + " messages must be signed for one slot (signer, height, round"
          + (first instanceof Vote ? ", type" : "") + ") and differ: " + first + ", " + second);
    }
    if (Arrays.compareUnsigned(first.encode(), second.encode()) > 0) {
      ConsensusMessage t = first;
      first = second;
      second = t;
    }
  }

  public Kind kind() {
    return Kind.of(first);
  }

  public Address offender() {
    return first.signer();
  }

  public long height() {
    return first.height();
  }

  public int round() {
    return first.round();
  }

  /**
   * Whether both signatures are valid on chain {@code chainId} and the offender is in {@code set}
   * (the set of the evidence's height).
   */
  public boolean verify(String chainId, ValidatorSet set, SignatureVerifier verifier) {
    return set.contains(offender())
        && first.verify(chainId, verifier)
        && second.verify(chainId, verifier);
  }

  /** Canonical encoding: the kind's code byte, then both messages length-prefixed. */
  public byte[] encode() {
    byte[] a = first.encode();
    byte[] b = second.encode();
    return new Encoder(a.length + b.length + 12).u8(kind().code()).bytes(a).bytes(b)
        .toByteArray();
  }

  /**
   * Strict decode of {@link #encode()}; proposal values of at most {@code maxValueBytes}. Throws
   * {@code CodecException} on malformed input, including a pair that is not an equivocation or not
   * in canonical order (so every offence has exactly one accepted encoding).
   */
  public static Evidence decode(byte[] bytes, int maxValueBytes) {
    Decoder d = new Decoder(bytes);
    Kind kind = Kind.ofCode(d.u8());
    int maxMessage = Math.addExact(maxValueBytes, 256);
    byte[] a = d.bytes(maxMessage);
    byte[] b = d.bytes(maxMessage);
    d.finish();
    Evidence e;
    try {
      e = new Evidence(message(kind, a, maxValueBytes), message(kind, b, maxValueBytes));
    } catch (IllegalArgumentException notEvidence) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, notEvidence.getMessage());
    }
    if (!Arrays.equals(e.encode(), bytes)) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "evidence not canonical");
    }
    return e;
  }

  private static ConsensusMessage message(Kind kind, byte[] bytes, int maxValueBytes) {
    return switch (kind) {
      case DUPLICATE_VOTE -> Vote.decode(bytes);
      case DUPLICATE_PROPOSAL -> Proposal.decode(bytes, maxValueBytes);
    };
  }

  private static boolean conflict(ConsensusMessage a, ConsensusMessage b) {
    return switch (a) {
      case Vote v -> b instanceof Vote w && v.conflictsWith(w);
      case Proposal p -> b instanceof Proposal q && p.conflictsWith(q);
    };
  }
}
