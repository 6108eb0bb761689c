package org.bcos.ledger.dvs.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * One part of a ballot: {@code weight} (0 = all of the voter's weight) and the method-specific
 * values: YES_NO {choice: 0 yes, 1 no, 2 abstain}; SINGLE_CHOICE {option}; APPROVAL {options...};
 * SCHULZE and IRV {rank of option 0, rank of option 1, ...} (1 = best, 0 = unranked); SCORE
 * {score per option}; QUADRATIC {votes per option}.
 */
public record DvsBallotPart(long weight, long[] values) {
  public static final int MAX_VALUES = DvsMessages.MAX_OPTIONS + 1;
  /** Bound on each value's magnitude, so every value has one short encoding. */
  public static final long MAX_ABS_VALUE = 1L << 40;

  public DvsBallotPart {
    values = values.clone();
    if (weight < 0) throw new IllegalArgumentException("ballot part weight must be >= 0");
    if (values.length > MAX_VALUES) throw new IllegalArgumentException("too many ballot values");
    for (long v : values) {
      if (v > MAX_ABS_VALUE || v < -MAX_ABS_VALUE) {
        throw new IllegalArgumentException("ballot value out of range: " + v);
      }
    }
  }

  @Override
  public long[] values() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DvsBallotPart p && p.weight == weight && Arrays.equals(p.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(weight) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "DvsBallotPart[weight=" + weight + ", values=" + Arrays.toString(values) + "]";
  }

  /**
   * The leaf of a voter's ballot in an issue's ballots Merkle tree (the proof format a voter
   * checks): domain-separated SHA-256 of the voter's address and the encoded parts.
   */
  public static Hash ballotLeaf(Address voter, List<DvsBallotPart> parts) {
    return Digests.domain("BCOS/dvs-ballot/v1", voter.toBytes(),
        encodeParts(new Encoder(64), parts).toByteArray());
  }

  /** Writes parts: varint count, then per part u64 weight, varint count, zig-zag varints. */
  public static Encoder encodeParts(Encoder e, List<DvsBallotPart> parts) {
    e.varint(parts.size());
    for (DvsBallotPart p : parts) {
      e.u64(p.weight).varint(p.values.length);
      // values may be negative (quadratic votes against): zig-zag keeps one encoding each
      for (long v : p.values) e.varint((v << 1) ^ (v >> 63));
    }
    return e;
  }

  /** Strictly reads what {@link #encodeParts} wrote. */
  public static List<DvsBallotPart> decodeParts(Decoder d) {
    int n = (int) d.varint(DvsMessages.MAX_BALLOT_PARTS);
    List<DvsBallotPart> parts = new ArrayList<>(Math.min(n, d.remaining()));
    for (int i = 0; i < n; i++) {
      long weight = d.u64();
      long[] values = new long[(int) d.varint(MAX_VALUES)];
      for (int j = 0; j < values.length; j++) {
        long z = d.varint(2 * MAX_ABS_VALUE);
        values[j] = (z >>> 1) ^ -(z & 1);
      }
      parts.add(new DvsBallotPart(weight, values));
    }
    return parts;
  }
}
