package org.bcos.ledger.dvs.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The count of an issue, live or final. Option indices are the issue's own; {@code -1} in
 * {@code winners} is the status quo (deliberative Schulze). For yes/no issues {@code totals} are
 * yes, no, abstain, no-with-veto; a quadratic option's total (net votes) may be negative.
 *
 * @param outcome what the count decided ({@link Outcome}); while the issue is open, provisional
 * @param electorateWeight weight of the whole electorate (snapshot; open electorates: voters)
 * @param countedWeight weight carried by valid ballots, directly or through delegation
 * @param ballots direct ballots counted
 * @param ballotsRoot Merkle root over (voter, ballot) in voter order; proofs show inclusion
 * @param regions breakdown by attested region; cells smaller than the community's minimum are
 *     merged
 * @param unverifiedIdentity true for open electorates (anyone may vote)
 * @param action what the issue's action did: "", "PAID", "TREASURY_INSUFFICIENT"
 */
public record IssueTally(long issueId, long height, boolean isFinal, Outcome outcome,
    List<Long> totals, List<Integer> winners, long electorateWeight, long countedWeight,
    long ballots, boolean quorumMet, Hash ballotsRoot, List<RegionCell> regions,
    boolean unverifiedIdentity, String action) {

  /** What a count decided. Stored by name, so the order here is free. */
  public enum Outcome {
    /** Yes/no: the yes share of the decisive weight passes the threshold. */
    PASSED,
    /** Yes/no: otherwise, including when every ballot abstained. */
    REJECTED,
    /** Yes/no: no-with-veto weight is above the veto share. */
    VETOED,
    /** Turnout below the quorum. */
    QUORUM_NOT_MET,
    /** One option won. */
    DECIDED,
    /** Several options tie for the win. */
    TIE,
    /** Deliberative Schulze: the status quo beat every initiative. */
    STATUS_QUO,
    /** Nothing was counted. */
    NO_VOTES,
    /** A deliberative issue that missed the admission quorum. */
    NOT_ADMITTED,
    /** A deliberative issue none of whose initiatives reached the initiative quorum. */
    NO_QUALIFIED_INITIATIVE;

    static Outcome decode(String name) {
      for (Outcome o : values()) {
        if (o.name().equals(name)) return o;
      }
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "unknown outcome " + name);
    }
  }

  /** One region's members counted and their first choices (same indexing as totals). */
  public record RegionCell(String region, long members, long weight, List<Long> firstChoices) {
    public RegionCell {
      Objects.requireNonNull(region);
      firstChoices = List.copyOf(firstChoices);
    }
  }

  public IssueTally {
    Objects.requireNonNull(outcome);
    totals = List.copyOf(totals);
    winners = List.copyOf(winners);
    Objects.requireNonNull(ballotsRoot);
    regions = List.copyOf(regions);
    Objects.requireNonNull(action);
  }

  public IssueTally asFinal(Outcome newOutcome, String newAction) {
    return new IssueTally(issueId, height, true, newOutcome, totals, winners, electorateWeight,
        countedWeight, ballots, quorumMet, ballotsRoot, regions, unverifiedIdentity, newAction);
  }

  /** Turnout in basis points of the electorate weight. */
  /** False for a deliberative issue that closed before voting: nothing was counted. */
  public boolean reachedVoting() {
    return outcome != Outcome.NOT_ADMITTED && outcome != Outcome.NO_QUALIFIED_INITIATIVE;
  }

  public long turnoutBps() {
    return shareBps(countedWeight, electorateWeight);
  }

  /** {@code part} of {@code whole} in basis points, rounded down; 0 when the whole is 0. */
  public static long shareBps(long part, long whole) {
    return whole <= 0 ? 0
        : java.math.BigInteger.valueOf(part).multiply(java.math.BigInteger.valueOf(10_000))
            .divide(java.math.BigInteger.valueOf(whole)).longValueExact();
  }

  public byte[] encode() {
    Encoder e = new Encoder(256).u64(issueId).u64(height).bool(isFinal).string(outcome.name());
    signedLongs(e, totals);
    e.varint(winners.size());
    for (int w : winners) e.u32(w + 1L);
    e.u64(electorateWeight).u64(countedWeight).u64(ballots).bool(quorumMet).hash(ballotsRoot);
    e.varint(regions.size());
    for (RegionCell r : regions) {
      e.string(r.region()).u64(r.members()).u64(r.weight());
      longs(e, r.firstChoices());
    }
    return e.bool(unverifiedIdentity).string(action).toByteArray();
  }

  private static void longs(Encoder e, List<Long> values) {
    e.varint(values.size());
    for (long v : values) e.u64(v);
  }

  /**
   * Totals are signed (a quadratic option's net votes may be negative): 8 bytes, two's
   * complement, big-endian, which for a non-negative total are exactly the bytes of a u64.
   */
  private static void signedLongs(Encoder e, List<Long> values) {
    e.varint(values.size());
    for (long v : values) e.fixed(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(v).array());
  }

  private static List<Long> signedLongs(Decoder d) {
    int n = (int) d.varint(1_000);
    List<Long> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(java.nio.ByteBuffer.wrap(d.fixed(Long.BYTES)).getLong());
    return out;
  }

  private static List<Long> longs(Decoder d) {
    int n = (int) d.varint(1_000);
    List<Long> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(d.u64());
    return out;
  }

  public static IssueTally decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    long id = d.u64();
    long height = d.u64();
    boolean fin = d.bool();
    Outcome outcome = Outcome.decode(d.string(64));
    List<Long> totals = signedLongs(d);
    int w = (int) d.varint(1_000);
    List<Integer> winners = new ArrayList<>(w);
    for (int i = 0; i < w; i++) winners.add((int) d.u32() - 1);
    long electorate = d.u64();
    long counted = d.u64();
    long ballots = d.u64();
    boolean quorum = d.bool();
    Hash root = d.hash();
    int r = (int) d.varint(1_000_000);
    List<RegionCell> regions = new ArrayList<>(r);
    for (int i = 0; i < r; i++) {
      regions.add(new RegionCell(d.string(1024), d.u64(), d.u64(), longs(d)));
    }
    IssueTally t = new IssueTally(id, height, fin, outcome, totals, winners, electorate, counted,
        ballots, quorum, root, regions, d.bool(), d.string(64));
    d.finish();
    return t;
  }
}
