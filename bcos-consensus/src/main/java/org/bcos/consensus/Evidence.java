package org.bcos.consensus;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Proof that a validator signed two conflicting messages for one slot. Each kind keeps its pair in
 * a canonical order (by encoding), so the same offence always gives the same evidence, and is
 * checkable on its own with {@link #verify}. Dispatch with a pattern {@code switch}, no default.
 */
public sealed interface Evidence permits Evidence.DuplicateVote, Evidence.DuplicateProposal {
  /** Leading byte of {@link #encode()} per kind. */
  int DUPLICATE_VOTE = 1;

  int DUPLICATE_PROPOSAL = 2;

  Address offender();

  long height();

  int round();

  /**
   * Whether both signatures are valid on chain {@code chainId} and the offender is in {@code set}
   * (the set of the evidence's height).
   */
  boolean verify(String chainId, ValidatorSet set, SignatureVerifier verifier);

  /** Canonical encoding: a kind byte, then both messages length-prefixed. */
  byte[] encode();

  /**
   * Two votes signed by one validator for the same height, round and type but different values
   * (nil counts as a value).
   */
  record DuplicateVote(Vote first, Vote second) implements Evidence {
    public DuplicateVote {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (!first.sameSlot(second)) {
        throw new IllegalArgumentException("votes are not for the same validator/height/round/type");
      }
      if (Objects.equals(first.valueId(), second.valueId())) {
        throw new IllegalArgumentException("votes are for the same value: no equivocation");
      }
      if (Arrays.compareUnsigned(first.encode(), second.encode()) > 0) {
        Vote t = first;
        first = second;
        second = t;
      }
    }

    @Override
    public Address offender() {
      return first.validator();
    }

    @Override
    public long height() {
      return first.height();
    }

    @Override
    public int round() {
      return first.round();
    }

    @Override
    public boolean verify(String chainId, ValidatorSet set, SignatureVerifier verifier) {
      return set.contains(offender())
          && first.verify(chainId, verifier)
          && second.verify(chainId, verifier);
    }

    @Override
    public byte[] encode() {
      return pair(DUPLICATE_VOTE, first.encode(), second.encode());
    }
  }

  /**
   * Two proposals signed by one validator for the same height and round that differ in value or
   * validRound. An honest proposer signs one proposal per round, and only in its own rounds, so the
   * pair convicts whether or not the signer was the round's proposer.
   */
  record DuplicateProposal(Proposal first, Proposal second) implements Evidence {
    public DuplicateProposal {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
      if (!first.sameSlot(second)) {
        throw new IllegalArgumentException("proposals are not for the same proposer/height/round");
      }
      if (!first.conflictsWith(second)) {
        throw new IllegalArgumentException("proposals are the same: no equivocation");
      }
      if (Arrays.compareUnsigned(first.encode(), second.encode()) > 0) {
        Proposal t = first;
        first = second;
        second = t;
      }
    }

    @Override
    public Address offender() {
      return first.proposer();
    }

    @Override
    public long height() {
      return first.height();
    }

    @Override
    public int round() {
      return first.round();
    }

    @Override
    public boolean verify(String chainId, ValidatorSet set, SignatureVerifier verifier) {
      return set.contains(offender())
          && first.verify(chainId, verifier)
          && second.verify(chainId, verifier);
    }

    @Override
    public byte[] encode() {
      return pair(DUPLICATE_PROPOSAL, first.encode(), second.encode());
    }
  }

  /**
   * Strict decode of {@link #encode()}; proposal values of at most {@code maxValueBytes}. Throws
   * {@code CodecException} on malformed input, including a pair that is not an equivocation or not
   * in canonical order (so every offence has exactly one accepted encoding).
   */
  public static Evidence decode(byte[] bytes, int maxValueBytes) {
    Decoder d = new Decoder(bytes);
    int kind = d.u8();
    int maxMessage = Math.addExact(maxValueBytes, 256);
    byte[] a = d.bytes(maxMessage);
    byte[] b = d.bytes(maxMessage);
    d.finish();
    Evidence e;
    try {
      e =
          switch (kind) {
            case DUPLICATE_VOTE -> new DuplicateVote(Vote.decode(a), Vote.decode(b));
            case DUPLICATE_PROPOSAL ->
                new DuplicateProposal(
                    Proposal.decode(a, maxValueBytes), Proposal.decode(b, maxValueBytes));
            default ->
                throw new CodecException(
                    CodecException.Reason.INVALID_VALUE, "unknown evidence kind " + kind);
          };
    } catch (IllegalArgumentException notEvidence) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, notEvidence.getMessage());
    }
    if (!Arrays.equals(e.encode(), bytes)) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "evidence not canonical");
    }
    return e;
  }

  private static byte[] pair(int kind, byte[] a, byte[] b) {
    return new Encoder(a.length + b.length + 12).u8(kind).bytes(a).bytes(b).toByteArray();
  }
}
