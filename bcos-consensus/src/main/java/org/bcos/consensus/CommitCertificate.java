package org.bcos.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Proof that a value was decided: precommits for {@code valueId} at (height, round) from validators
 * holding more than 2/3 of the voting power. Signatures are kept sorted by validator address, one
 * per validator, so a certificate has one canonical encoding.
 */
public record CommitCertificate(
    long height, int round, Hash valueId, List<CommitCertificate.Signature> signatures) {
  /** How {@link #decode} begins the message of a certificate naming one signer twice. */
  public static final String DUPLICATE_SIGNER = "duplicate signer ";

  /** One validator's precommit signature. */
  public record Signature(Address validator, byte[] signature) {
    public Signature {
      Objects.requireNonNull(validator, "validator");
      signature = signature.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Signature s
          && validator.equals(s.validator)
          && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
      return validator.hashCode() * 31 + Arrays.hashCode(signature);
    }
  }

  public CommitCertificate {
    Objects.requireNonNull(valueId, "valueId");
    if (height < 1 || round < 0) throw new IllegalArgumentException("bad height/round");
    List<Signature> sorted = new ArrayList<>(signatures);
    sorted.sort(Comparator.comparing(Signature::validator));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).validator().equals(sorted.get(i).validator())) {
        throw new IllegalArgumentException("two signatures from " + sorted.get(i).validator());
      }
    }
    signatures = List.copyOf(sorted);
  }

  /** Builds a certificate from precommits (all for the same height, round and value). */
  public static CommitCertificate of(long height, int round, Hash valueId, List<Vote> precommits) {
    List<Signature> sigs = new ArrayList<>(precommits.size());
    for (Vote v : precommits) {
      if (v.type() != VoteType.PRECOMMIT
          || v.height() != height
          || v.round() != round
          || !valueId.equals(v.valueId())) {
        throw new IllegalArgumentException("not a precommit for this value: " + v);
      }
      sigs.add(new Signature(v.validator(), v.signature()));
    }
    return new CommitCertificate(height, round, valueId, sigs);
  }

  /** The precommits this certificate carries, as votes (e.g. to gossip them). */
  public List<Vote> precommits() {
    List<Vote> out = new ArrayList<>(signatures.size());
    for (Signature s : signatures) {
      out.add(new Vote(VoteType.PRECOMMIT, height, round, valueId, s.validator(), s.signature()));
    }
    return out;
  }

  /**
   * Whether every signature is a valid precommit on chain {@code chainId} by a member of {@code set}
   * and the signers hold more than 2/3 of its power. A certificate with any bad signature is
   * refused as a whole.
   */
  public boolean verify(String chainId, ValidatorSet set, SignatureVerifier verifier) {
    long power = 0;
    for (Vote v : precommits()) {
      long p = set.powerOf(v.validator());
      if (p == 0 || !v.verify(chainId, verifier)) return false;
      power = Math.addExact(power, p);
    }
    return set.isQuorum(power);
  }

  /** Canonical encoding (for storage with the block). */
  public byte[] encode() {
    Encoder e = new Encoder(64 + signatures.size() * 100).u64(height).u32(round).hash(valueId);
    e.varint(signatures.size());
    for (Signature s : signatures) e.address(s.validator()).fixed(s.signature);
    return e.toByteArray();
  }

  /**
   * Strict decode of {@link #encode()}: at most {@code maxSignatures} signatures, in canonical
   * (address) order without duplicates, no trailing bytes; throws {@code CodecException} otherwise.
   */
  public static CommitCertificate decode(byte[] bytes, int maxSignatures) {
    Decoder d = new Decoder(bytes);
    long height = d.u64();
    long round = d.u32();
    Hash valueId = d.hash();
    int count = (int) d.varint(maxSignatures);
    List<Signature> sigs = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) {
      Signature s = new Signature(d.address(), d.fixed(Vote.SIGNATURE_BYTES));
      int order = i == 0 ? -1 : sigs.get(i - 1).validator().compareTo(s.validator());
      if (order == 0) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE,
            DUPLICATE_SIGNER + s.validator());
      }
      if (order > 0) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE, "signatures not in order");
      }
      sigs.add(s);
    }
    d.finish();
    if (height < 1 || round > Integer.MAX_VALUE) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "bad height/round");
    }
    return new CommitCertificate(height, (int) round, valueId, sigs);
  }
}
