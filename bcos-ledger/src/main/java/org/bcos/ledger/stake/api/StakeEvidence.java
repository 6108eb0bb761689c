package org.bcos.ledger.stake.api;

import java.util.Arrays;
import java.util.Objects;
import org.bcos.types.codec.Encoder;

/**
 * Stake: reports a validator's double signing. {@code evidence} is the consensus layer's encoded
 * evidence (two conflicting signed votes or proposals); the ledger checks it through its evidence
 * seam and, when valid, slashes the offender and removes it from the validator set. Anyone may
 * send it; it may go fee-free with a proof-of-work stamp of {@link #FEE_FREE_POW_BITS} bits.
 */
public record StakeEvidence(byte[] evidence) implements StakeMessage {
  public static final int TAG = 40;

  /** Largest encoded evidence accepted. */
  public static final int MAX_EVIDENCE_BYTES = 4096;

  /** Proof-of-work bits a fee-free evidence report must show. */
  public static final int FEE_FREE_POW_BITS = 12;

  public StakeEvidence {
    Objects.requireNonNull(evidence, "evidence");
    if (evidence.length == 0 || evidence.length > MAX_EVIDENCE_BYTES) {
      throw new IllegalArgumentException("evidence must be 1.." + MAX_EVIDENCE_BYTES + " bytes");
    }
    evidence = evidence.clone();
  }

  @Override
  public byte[] evidence() {
    return evidence.clone();
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.bytes(evidence);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StakeEvidence s && Arrays.equals(evidence, s.evidence);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(evidence);
  }

  @Override
  public String toString() {
    return "StakeEvidence[" + evidence.length + " bytes]";
  }
}
