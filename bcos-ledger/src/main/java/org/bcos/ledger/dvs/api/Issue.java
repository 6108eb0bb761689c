package org.bcos.ledger.dvs.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A DVS issue. {@code options} are the poll's options or the deliberative issue's initiatives;
 * {@code onBallot} marks which of them reached the ballot (all, for polls). {@code phaseEnd} is
 * the last height of the current phase; the phase changes at the end of that block.
 */
public record Issue(long id, long communityId, int areaId, boolean deliberative, DvsRules rules,
    List<String> options, boolean[] onBallot, Phase phase, long phaseEnd, long createdHeight,
    long votingStart, Address creator, Address payTo, long payUnits) {
  public Issue {
    Objects.requireNonNull(rules);
    options = List.copyOf(options);
    onBallot = onBallot.clone();
    Objects.requireNonNull(phase);
    Objects.requireNonNull(creator);
    Objects.requireNonNull(payTo);
    if (onBallot.length != options.size()) throw new IllegalArgumentException("onBallot size");
  }

  @Override
  public boolean[] onBallot() {
    return onBallot.clone();
  }

  /** Options that reached the ballot, in option order. */
  public List<Integer> ballotOptions() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < onBallot.length; i++) if (onBallot[i]) out.add(i);
    return out;
  }

  public Issue withPhase(Phase next, long end) {
    return new Issue(id, communityId, areaId, deliberative, rules, options, onBallot, next, end,
        createdHeight, votingStart, creator, payTo, payUnits);
  }

  public Issue withOptions(List<String> newOptions, boolean[] newOnBallot) {
    return new Issue(id, communityId, areaId, deliberative, rules, newOptions, newOnBallot,
        phase, phaseEnd, createdHeight, votingStart, creator, payTo, payUnits);
  }

  public Issue openVoting(long height, long end, boolean[] qualified) {
    return new Issue(id, communityId, areaId, deliberative, rules, options, qualified,
        Phase.VOTING, end, createdHeight, height, creator, payTo, payUnits);
  }

  public byte[] encode() {
    Encoder e = new Encoder(256).u64(id).u64(communityId).u32(areaId).bool(deliberative);
    rules.encode(e);
    e.varint(options.size());
    for (int i = 0; i < options.size(); i++) e.string(options.get(i)).bool(onBallot[i]);
    return e.u8(phase.ordinal()).u64(phaseEnd).u64(createdHeight).u64(votingStart)
        .address(creator).address(payTo).u64(payUnits).toByteArray();
  }

  public static Issue decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    long id = d.u64();
    long community = d.u64();
    int area = (int) d.u32();
    boolean deliberative = d.bool();
    DvsRules rules = DvsRules.decode(d);
    int n = (int) d.varint(DvsMessages.MAX_OPTIONS);
    List<String> options = new ArrayList<>(n);
    boolean[] onBallot = new boolean[n];
    for (int i = 0; i < n; i++) {
      options.add(d.string(1024));
      onBallot[i] = d.bool();
    }
    Issue issue = new Issue(id, community, area, deliberative, rules, options, onBallot,
        Phase.values()[d.u8()], d.u64(), d.u64(), d.u64(), d.address(), d.address(), d.u64());
    d.finish();
    return issue;
  }
}
