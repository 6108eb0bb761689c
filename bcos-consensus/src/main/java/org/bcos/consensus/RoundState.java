package org.bcos.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/** What one node has seen of one round of the current height, and which one-shot rules fired. */
final class RoundState {
  final VoteTally prevotes = new VoteTally();
  final VoteTally precommits = new VoteTally();
  private final TreeSet<Address> senders = new TreeSet<>();
  private long senderPower;
  /** The proposer's signed proposals in arrival order; more than one only if it equivocated. */
  final List<Proposal> proposals = new ArrayList<>(1);
  boolean prevoteTimeoutScheduled;
  boolean precommitTimeoutScheduled;
  boolean validValueUpdated;
  boolean proposalEquivocationReported;

  VoteTally tally(VoteType type) {
    return type == VoteType.PREVOTE ? prevotes : precommits;
  }

  /** The first proposal received (the one line 22 prevotes on), or null. */
  Proposal proposal() {
    return proposals.isEmpty() ? null : proposals.get(0);
  }

  /** A proposal of this round for {@code valueId}, or null. */
  Proposal proposalFor(Hash valueId) {
    for (Proposal p : proposals) if (p.valueId().equals(valueId)) return p;
    return null;
  }

  /** Records that {@code sender} (with {@code power}) sent some message for this round. */
  void addSender(Address sender, long power) {
    if (senders.add(sender)) senderPower = Math.addExact(senderPower, power);
  }

  long senderPower() {
    return senderPower;
  }
}
