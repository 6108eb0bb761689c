package org.bcos.consensus;

import java.util.TreeSet;
import org.bcos.types.Address;

/** What one node has seen of one round of the current height, and which one-shot rules fired. */
final class RoundState {
  final VoteTally prevotes = new VoteTally();
  final VoteTally precommits = new VoteTally();
  private final TreeSet<Address> senders = new TreeSet<>();
  private long senderPower;
  Proposal proposal;
  boolean prevoteTimeoutScheduled;
  boolean precommitTimeoutScheduled;
  boolean validValueUpdated;

  VoteTally tally(VoteType type) {
    return type == VoteType.PREVOTE ? prevotes : precommits;
  }

  /** Records that {@code sender} (with {@code power}) sent some message for this round. */
  void addSender(Address sender, long power) {
    if (senders.add(sender)) senderPower = Math.addExact(senderPower, power);
  }

  long senderPower() {
    return senderPower;
  }
}
