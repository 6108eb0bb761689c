package org.bcos.ledger.dvs.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The count of an issue, live or final. Option indices are the issue's own; {@code -1} in
 * {@code winners} is the status quo (deliberative Schulze). For yes/no issues {@code totals} are
 * yes, no, abstain, no-with-veto.
 *
 * @param outcome PASSED, REJECTED, VETOED, QUORUM_NOT_MET, DECIDED (a winner), TIE, STATUS_QUO,
 *     NO_VOTES, NOT_ADMITTED, NO_QUALIFIED_INITIATIVE
 * @param electorateWeight weight of the whole electorate (snapshot; open electorates: voters)
 * @param countedWeight weight carried by valid ballots, directly or through delegation
 * @param ballots direct ballots counted
 * @param ballotsRoot Merkle root over (voter, ballot) in voter order; proofs show inclusion
 * @param regions breakdown by attested region; cells smaller than the community's minimum are
 *     merged
 * @param unverifiedIdentity true for open electorates (anyone may vote)
 * @param action what the issue's action did: "", "PAID", "TREASURY_INSUFFICIENT"
 */
public record IssueTally(long issueId, long height, boolean isFinal, String outcome,
    List<Long> totals, List<Integer> winners, long electorateWeight, long countedWeight,
    long ballots, boolean quorumMet, Hash ballotsRoot, List<RegionCell> regions,
    boolean unverifiedIdentity, String action) {

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

  public IssueTally asFinal(String newOutcome, String newAction) {
    return new IssueTally(issueId, height, true, newOutcome, totals, winners, electorateWeight,
        countedWeight, ballots, quorumMet, ballotsRoot, regions, unverifiedIdentity, newAction);
  }

  /** Turnout in basis points of the electorate weight. */
  public long turnoutBps() {
    return electorateWeight == 0 ? 0
        : java.math.BigInteger.valueOf(countedWeight).multiply(java.math.BigInteger.valueOf(10_000))
            .divide(java.math.BigInteger.valueOf(electorateWeight)).longValueExact();
  }

  public byte[] encode() {
    Encoder e = new Encoder(256).u64(issueId).u64(height).bool(isFinal).string(outcome);
    longs(e, totals);
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
    String outcome = d.string(64);
    List<Long> totals = longs(d);
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
