package org.bcos.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bcos.types.Address;

/**
 * The validators of one height, sorted by address, with their total voting power. Quorums are
 * stake-weighted and use integer arithmetic only: a quorum is more than 2/3 of the total power
 * ({@code 3·power > 2·total}); "f+1" is more than 1/3 ({@code 3·power > total}).
 */
public record ValidatorSet(List<Validator> validators) {
  /** Keeps {@code 3 × total} far from overflow (the same bound CometBFT uses). */
  public static final long MAX_TOTAL_POWER = Long.MAX_VALUE / 8;

  /** Limit on the number of validators in one set. */
  public static final int MAX_VALIDATORS = 10_000;

  public ValidatorSet {
    Objects.requireNonNull(validators, "validators");
    if (validators.isEmpty()) throw new IllegalArgumentException("a validator set is never empty");
    if (validators.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException("too many validators: " + validators.size());
    }
    List<Validator> sorted = new ArrayList<>(validators);
    sorted.sort(Comparator.comparing(Validator::address));
    long total = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i - 1).address().equals(sorted.get(i).address())) {
        throw new IllegalArgumentException("duplicate validator " + sorted.get(i).address());
      }
      total = Math.addExact(total, sorted.get(i).power());
    }
    if (total > MAX_TOTAL_POWER) throw new IllegalArgumentException("total power over limit");
    validators = List.copyOf(sorted);
  }

  public static ValidatorSet of(Validator... validators) {
    return new ValidatorSet(List.of(validators));
  }

  public int size() {
    return validators.size();
  }

  public long totalPower() {
    long total = 0;
    for (Validator v : validators) total = Math.addExact(total, v.power());
    return total;
  }

  /** Index of {@code address} in address order, or -1. */
  public int indexOf(Address address) {
    int lo = 0;
    int hi = validators.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = validators.get(mid).address().compareTo(address);
      if (c == 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  public boolean contains(Address address) {
    return indexOf(address) >= 0;
  }

  public Optional<Validator> find(Address address) {
    int i = indexOf(address);
    return i < 0 ? Optional.empty() : Optional.of(validators.get(i));
  }

  /** Voting power of {@code address}, 0 for a non-validator. */
  public long powerOf(Address address) {
    int i = indexOf(address);
    return i < 0 ? 0 : validators.get(i).power();
  }

  public Validator get(int index) {
    return validators.get(index);
  }

  /** Whether {@code power} is more than 2/3 of the total ("2f+1"). */
  public boolean isQuorum(long power) {
    return Math.multiplyExact(3L, power) > Math.multiplyExact(2L, totalPower());
  }

  /** Whether {@code power} is more than 1/3 of the total ("f+1": at least one honest). */
  public boolean exceedsOneThird(long power) {
    return Math.multiplyExact(3L, power) > totalPower();
  }
}
