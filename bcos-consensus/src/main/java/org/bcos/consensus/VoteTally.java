package org.bcos.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * The votes of one type in one round. Each validator counts once towards "any" power, and once
 * towards each value (or nil) it signed: an equivocating validator may thus count for two values,
 * which is safe (it could have sent either quorum to anyone) and needed for liveness (a commit
 * certificate that includes its vote for the decided value must convince a node that first saw its
 * other vote). Sorted maps only, so iteration order never depends on hashing.
 */
final class VoteTally {
  enum Outcome {
    ADDED,
    DUPLICATE,
    CONFLICT
  }

  private final TreeMap<Address, Vote> first = new TreeMap<>();
  private final TreeMap<Hash, TreeMap<Address, Vote>> byValue = new TreeMap<>();
  private final TreeMap<Hash, Long> powerByValue = new TreeMap<>();
  private final TreeMap<Address, Vote> nil = new TreeMap<>();
  private final TreeSet<Address> reported = new TreeSet<>();
  private long nilPower;
  private long anyPower;

  /** Whether this validator's vote for this value (or nil) is already counted. */
  boolean has(Vote vote) {
    return bucket(vote).containsKey(vote.validator());
  }

  Outcome add(Vote vote, long power) {
    Vote earlier = first.putIfAbsent(vote.validator(), vote);
    if (earlier == null) anyPower = Math.addExact(anyPower, power);
    if (bucket(vote).putIfAbsent(vote.validator(), vote) != null) return Outcome.DUPLICATE;
    if (vote.isNil()) nilPower = Math.addExact(nilPower, power);
    else powerByValue.merge(vote.valueId(), power, Math::addExact);
    return earlier == null ? Outcome.ADDED : Outcome.CONFLICT;
  }

  private TreeMap<Address, Vote> bucket(Vote vote) {
    return vote.isNil() ? nil : byValue.computeIfAbsent(vote.valueId(), k -> new TreeMap<>());
  }

  /** Marks {@code validator} as reported for equivocation; false if it already was. */
  boolean markReported(Address validator) {
    return reported.add(validator);
  }

  /** The first vote seen from {@code validator}, or null. */
  Vote firstVoteOf(Address validator) {
    return first.get(validator);
  }

  long powerFor(Hash valueId) {
    return powerByValue.getOrDefault(valueId, 0L);
  }

  long nilPower() {
    return nilPower;
  }

  long anyPower() {
    return anyPower;
  }

  List<Vote> votesFor(Hash valueId) {
    TreeMap<Address, Vote> votes = byValue.get(valueId);
    return votes == null ? List.of() : new ArrayList<>(votes.values());
  }

  /** Every counted vote: nil first, then by value id, each by validator. */
  List<Vote> all() {
    List<Vote> out = new ArrayList<>(nil.values());
    for (TreeMap<Address, Vote> votes : byValue.values()) out.addAll(votes.values());
    return out;
  }
}
