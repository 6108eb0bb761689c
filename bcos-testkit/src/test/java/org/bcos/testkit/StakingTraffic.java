package org.bcos.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.types.Address;
import org.bcos.types.tx.Message;

/**
 * The staking messages the holders send once staking is active: bonds to honest validators,
 * unbonds and redelegations of what they bonded. Each holder's messages execute in nonce order, so
 * tracking what it has bonded when a message is made tells exactly what will be accepted: it sends
 * nothing the ledger would refuse (a refusal would leave a nonce gap stalling the holder). Never
 * to or from the Byzantine validator, so its stake changes only by its slashing; honest
 * validators are never slashed, so a share stays worth one unit and an unbond of what was bonded
 * always fits.
 */
final class StakingTraffic {
  static final long MAX_BOND_UNITS = 100 * SimGenesis.DDC;
  /** Unbonding and redelegation entries per holder and validator (the ledger allows 7). */
  static final int MAX_ENTRIES = 5;

  private final List<Address> validators;
  /** holder → validator → units it has bonded (after what it sent). */
  private final List<TreeMap<Address, Long>> bonded = new ArrayList<>();
  private final List<TreeMap<Address, Integer>> entries = new ArrayList<>();
  /** Validators a holder redelegated into: never a redelegation source (transitive). */
  private final List<TreeSet<Address>> redelegatedInto = new ArrayList<>();

  StakingTraffic(List<Address> honestValidators, int holders) {
    this.validators = List.copyOf(honestValidators);
    for (int i = 0; i < holders; i++) {
      bonded.add(new TreeMap<>());
      entries.add(new TreeMap<>());
      redelegatedInto.add(new TreeSet<>());
    }
  }

  /** The next staking message of {@code holder}: an unbond or a redelegation if it can, else a bond. */
  Message next(int holder, SplittableRandom random) {
    int kind = random.nextInt(3);
    List<Address> movable = movable(holder, false);
    if (kind == 1 && !movable.isEmpty()) return unbond(holder, pick(movable, random), random);
    List<Address> sources = movable(holder, true);
    if (kind == 2 && !sources.isEmpty() && validators.size() > 1) {
      return redelegate(holder, pick(sources, random), random);
    }
    Address to = pick(validators, random);
    long units = SimGenesis.DDC + random.nextLong(MAX_BOND_UNITS);
    bonded.get(holder).merge(to, units, Long::sum);
    return new StakeBond(to, units);
  }

  private Message unbond(int holder, Address from, SplittableRandom random) {
    long units = take(holder, from, random);
    return new StakeUnbond(from, units);
  }

  private Message redelegate(int holder, Address from, SplittableRandom random) {
    List<Address> others = new ArrayList<>(validators);
    others.remove(from);
    Address to = pick(others, random);
    long units = take(holder, from, random);
    bonded.get(holder).merge(to, units, Long::sum);
    redelegatedInto.get(holder).add(to);
    return new StakeRedelegate(from, to, units);
  }

  /** Takes 1..all of what {@code holder} bonded to {@code from}, counting one entry. */
  private long take(int holder, Address from, SplittableRandom random) {
    long have = bonded.get(holder).get(from);
    long units = 1 + random.nextLong(have);
    bonded.get(holder).merge(from, -units, Long::sum);
    entries.get(holder).merge(from, 1, Integer::sum);
    return units;
  }

  /** Validators {@code holder} may unbond (or, as a source, redelegate) from. */
  private List<Address> movable(int holder, boolean asSource) {
    List<Address> out = new ArrayList<>();
    for (var e : bonded.get(holder).entrySet()) {
      boolean room = e.getValue() > 0
          && entries.get(holder).getOrDefault(e.getKey(), 0) < MAX_ENTRIES;
      if (room && !(asSource && redelegatedInto.get(holder).contains(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private static Address pick(List<Address> from, SplittableRandom random) {
    return from.get(random.nextInt(from.size()));
  }
}
