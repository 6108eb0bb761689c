package org.bcos.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bcos.ledger.upgrade.api.UpgradeApi;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Address;
import org.bcos.types.Amount;

/**
 * The agreed start of a chain: parameters, the validators with their stake, and where the whole
 * fixed supply of 50,000,000,000 DDC sits. A validator's stake is bonded out of its own allocation
 * at genesis (so the allocations alone add up to the supply). The constructor refuses any genesis
 * whose allocations do not add up to exactly the total supply, or whose validators cannot cover
 * their stake.
 *
 * <p>{@code upgrades} is the chain's planned upgrades (docs/GOVERNANCE.md "Upgrades on a real
 * network"): each plan's protocol version, release hash and activation height, agreed off chain
 * with the genesis; the upgrade module schedules the first at genesis and each next one when the
 * one before it activates. Empty for every chain made before it existed.
 */
public record Genesis(
    ChainParams params, long timeMillis, List<Validator> validators, List<Allocation> allocations,
    int protocolVersion, java.util.Optional<Staking> staking, List<UpgradePlan> upgrades) {
  /**
   * The protocol version of a genesis that names none: the rules every chain made before
   * protocol versions existed has run since its genesis (the notary active).
   */
  public static final int DEFAULT_PROTOCOL_VERSION = 2;

  /** Limit on allocation entries in one genesis. */
  public static final int MAX_ALLOCATIONS = 1_000_000;

  /** Limit on planned upgrades in one genesis. */
  public static final int MAX_PLANNED_UPGRADES = 16;

  /** Limit on genesis validators. */
  public static final int MAX_VALIDATORS = 1_000;

  /** The smallest stake a validator may bond: 1 DDC (voting power is whole bonded DDC). */
  public static final long MIN_STAKE_UNITS = Amount.UNITS_PER_DDC;

  /** An initial balance. */
  public record Allocation(Address address, long units) {
    public Allocation {
      Objects.requireNonNull(address, "address");
      if (units <= 0) throw new IllegalArgumentException("allocation must be positive: " + address);
    }
  }

  /**
   * A genesis validator and the stake its operator bonds out of the operator's allocation.
   *
   * @param address the validator's consensus key: the address of the key its node signs with
   * @param stakeUnits the self-bond
   * @param operator the account that operates it (bonds the stake, edits it, earns its commission,
   *     votes for it): its own {@code address} unless the genesis names another, which only a
   *     chain starting with staking may (an operator apart from the consensus key is a staking
   *     notion)
   */
  public record Validator(Address address, long stakeUnits, Address operator) {
    public Validator {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(operator, "operator");
      if (stakeUnits < MIN_STAKE_UNITS) {
        throw new IllegalArgumentException("validator " + address + " must stake at least 1 DDC");
      }
    }

    /** A validator operated by its own consensus key (every genesis before operators). */
    public Validator(Address address, long stakeUnits) {
      this(address, stakeUnits, address);
    }

    /** Whether its operator is another account than its consensus key. */
    public boolean hasOwnOperator() {
      return !operator.equals(address);
    }
  }

  /**
   * The genesis data of staking (docs/GOVERNANCE.md "Staking"), for a chain that starts at a
   * protocol version with staking (whether staking runs is the version's, never this section's:
   * the stake module refuses the section on a genesis below that version).
   *
   * @param rewardPoolUnits units set aside at genesis for block rewards (part of the fixed supply:
   *     the allocations total the supply minus this)
   */
  public record Staking(long rewardPoolUnits) {
    public Staking {
      if (rewardPoolUnits < 0 || rewardPoolUnits > Amount.TOTAL_SUPPLY_UNITS) {
        throw new IllegalArgumentException("reward pool must be 0.." + Amount.TOTAL_SUPPLY_UNITS);
      }
    }
  }

  /** A genesis at {@link #DEFAULT_PROTOCOL_VERSION}. */
  public Genesis(ChainParams params, long timeMillis, List<Validator> validators,
      List<Allocation> allocations) {
    this(params, timeMillis, validators, allocations, DEFAULT_PROTOCOL_VERSION);
  }

  /** A genesis at protocol {@code protocolVersion} without staking data. */
  public Genesis(ChainParams params, long timeMillis, List<Validator> validators,
      List<Allocation> allocations, int protocolVersion) {
    this(params, timeMillis, validators, allocations, protocolVersion,
        java.util.Optional.empty());
  }

  /** A genesis without planned upgrades. */
  public Genesis(ChainParams params, long timeMillis, List<Validator> validators,
      List<Allocation> allocations, int protocolVersion, java.util.Optional<Staking> staking) {
    this(params, timeMillis, validators, allocations, protocolVersion, staking, List.of());
  }

  public Genesis {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(staking, "staking");
    upgrades = List.copyOf(upgrades);
    checkPlannedUpgrades(upgrades, protocolVersion);
    if (protocolVersion < 1) throw new IllegalArgumentException("protocol versions start at 1");
    validators = List.copyOf(validators);
    allocations = List.copyOf(allocations);
    if (timeMillis < 0) throw new IllegalArgumentException("genesis time must be non-negative");
    if (allocations.isEmpty() || allocations.size() > MAX_ALLOCATIONS) {
      throw new IllegalArgumentException("genesis needs 1.." + MAX_ALLOCATIONS + " allocations");
    }
    if (validators.isEmpty() || validators.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException("genesis needs 1.." + MAX_VALIDATORS + " validators");
    }
    long total = 0;
    Map<Address, Long> allocated = new TreeMap<>();
    for (Allocation a : allocations) {
      if (allocated.put(a.address(), a.units()) != null) {
        throw new IllegalArgumentException("address allocated twice in genesis: " + a.address());
      }
      try {
        total = Math.addExact(total, a.units());
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("genesis allocations overflow");
      }
    }
    long reserved = staking.map(Staking::rewardPoolUnits).orElse(0L);
    if (total != Amount.TOTAL_SUPPLY_UNITS - reserved) {
      throw new IllegalArgumentException("genesis allocations must total exactly 50000000000 DDC"
          + (reserved > 0 ? " minus the reward pool " + Amount.format(reserved) : "") + ", got "
          + Amount.format(total));
    }
    Set<Address> seen = new HashSet<>();
    Set<Address> operators = new HashSet<>();
    for (Validator v : validators) {
      if (!seen.add(v.address())) {
        throw new IllegalArgumentException("validator listed twice in genesis: " + v.address());
      }
      // an account operates one validator, so each stake comes out of its own allocation
      if (!operators.add(v.operator())) {
        throw new IllegalArgumentException("account " + v.operator() + " operates two genesis "
            + "validators");
      }
      long own = allocated.getOrDefault(v.operator(), 0L);
      if (own < v.stakeUnits()) {
        throw new IllegalArgumentException("validator " + v.address() + " stakes "
            + Amount.format(v.stakeUnits()) + " DDC but " + (v.hasOwnOperator() ? "its operator "
            + v.operator() + " is" : "is") + " allocated only " + Amount.format(own));
      }
    }
  }

  /**
   * Why a list of planned upgrades is refused: named as the upgrade module names the same fault
   * of a scheduled upgrade where it has one.
   */
  public enum UpgradePlanReason {
    TOO_MANY_UPGRADES, UPGRADE_NAME_INVALID, UPGRADE_NAME_USED, UPGRADE_NOT_AT_GENESIS,
    UPGRADE_HEIGHT_PASSED, UPGRADE_TOO_FAR, UPGRADE_VERSION_NOT_NEWER
  }

  /** What is wrong with a list of planned upgrades: the reason, and which plan and why. */
  public record UpgradePlanProblem(UpgradePlanReason reason, String message) {}

  private static void checkPlannedUpgrades(List<UpgradePlan> upgrades, int protocolVersion) {
    checkUpgrades(upgrades, protocolVersion).ifPresent(p -> {
      throw new IllegalArgumentException(p.message());
    });
  }

  /**
   * Planned upgrades come in the order they activate: names valid and distinct, heights and
   * versions rising, the first version above the genesis version, each planned at genesis
   * ({@code scheduledAt} 0), the last at most {@link UpgradeApi#MAX_LEAD_BLOCKS} ahead, at most
   * {@link #MAX_PLANNED_UPGRADES}. The constructor refuses what this finds; {@code bcos testnet
   * init} asks it before writing anything.
   */
  public static java.util.Optional<UpgradePlanProblem> checkUpgrades(List<UpgradePlan> upgrades,
      int protocolVersion) {
    if (upgrades.size() > MAX_PLANNED_UPGRADES) {
      return problem(UpgradePlanReason.TOO_MANY_UPGRADES, "at most " + MAX_PLANNED_UPGRADES
          + " planned upgrades");
    }
    Set<String> names = new HashSet<>();
    long height = 0;
    int version = protocolVersion;
    for (UpgradePlan p : upgrades) {
      if (!p.hasValidName() || p.name().equals(UpgradePlan.GENESIS_NAME) || !names.add(p.name())) {
        return problem(p.hasValidName() ? UpgradePlanReason.UPGRADE_NAME_USED
            : UpgradePlanReason.UPGRADE_NAME_INVALID, "planned upgrade name \"" + p.name()
            + "\" is not a distinct name of 1-64 characters a-z, 0-9, '.', '_', '-' (nor "
            + "\"genesis\")");
      }
      if (p.scheduledAt() != 0) {
        return problem(UpgradePlanReason.UPGRADE_NOT_AT_GENESIS, "planned upgrade " + p.name() + " is planned at"
            + " genesis (scheduledAt 0)");
      }
      if (p.height() <= height || p.height() > UpgradeApi.MAX_LEAD_BLOCKS) {
        return problem(p.height() <= height ? UpgradePlanReason.UPGRADE_HEIGHT_PASSED
            : UpgradePlanReason.UPGRADE_TOO_FAR, "planned upgrade " + p.name()
            + ": its height must be above " + height + " and at most "
            + UpgradeApi.MAX_LEAD_BLOCKS);
      }
      if (p.version() <= version) {
        return problem(UpgradePlanReason.UPGRADE_VERSION_NOT_NEWER, "planned upgrade "
            + p.name() + ": its protocol version must be above " + version);
      }
      height = p.height();
      version = p.version();
    }
    return java.util.Optional.empty();
  }

  private static java.util.Optional<UpgradePlanProblem> problem(UpgradePlanReason reason,
      String message) {
    return java.util.Optional.of(new UpgradePlanProblem(reason, message));
  }

  /** This genesis with {@code planned} as its planned upgrades instead. */
  public Genesis withUpgrades(List<UpgradePlan> planned) {
    return new Genesis(params, timeMillis, validators, allocations, protocolVersion, staking,
        planned);
  }

  /** The stake every dev-chain validator bonds: 1,000,000 DDC. */
  public static final long DEV_STAKE_UNITS = 1_000_000 * Amount.UNITS_PER_DDC;

  /**
   * A development genesis: one validator bonding {@link #DEV_STAKE_UNITS}, the rest of the supply
   * to {@code devAddress}.
   */
  public static Genesis dev(ChainParams params, long timeMillis, Address devAddress,
      Address validator) {
    return dev(params, timeMillis, devAddress, validator, List.of());
  }

  /**
   * A development genesis: one validator bonding {@link #DEV_STAKE_UNITS}, the {@code funded}
   * accounts (in this order, after the validator), and the rest of the supply to {@code
   * devAddress}.
   *
   * @throws IllegalArgumentException if the funded accounts leave nothing for {@code devAddress}
   */
  public static Genesis dev(ChainParams params, long timeMillis, Address devAddress,
      Address validator, List<Allocation> funded) {
    return dev(params, timeMillis, devAddress, new Validator(validator, DEV_STAKE_UNITS), funded);
  }

  /**
   * As {@link #dev(ChainParams, long, Address, Address, List)}, the validator operated by {@code
   * devAddress}, whose allocation holds its stake (a dev chain: the local dev key edits the
   * validator, earns its commission and votes as its operator); only for a genesis that will
   * start at a protocol version with staking.
   */
  public static Genesis devOperated(ChainParams params, long timeMillis, Address devAddress,
      Address validator, List<Allocation> funded) {
    return dev(params, timeMillis, devAddress, new Validator(validator, DEV_STAKE_UNITS,
        devAddress), funded);
  }

  private static Genesis dev(ChainParams params, long timeMillis, Address devAddress,
      Validator validator, List<Allocation> funded) {
    List<Allocation> allocations = new java.util.ArrayList<>();
    if (!validator.hasOwnOperator()) allocations.add(new Allocation(validator.address(),
        DEV_STAKE_UNITS));
    long rest = Amount.TOTAL_SUPPLY_UNITS - (validator.hasOwnOperator() ? 0 : DEV_STAKE_UNITS);
    for (Allocation a : funded) {
      allocations.add(a);
      rest = Math.subtractExact(rest, a.units());
    }
    allocations.add(new Allocation(devAddress, rest));
    return new Genesis(params, timeMillis, List.of(validator), allocations);
  }

  /**
   * The reward pool of a new development chain or testnet: 1,000,000,000 DDC (2 % of the supply),
   * taken from the dev key's share so the supply stays exactly 50 bn DDC. At the default block
   * reward of 100 DDC it pays rewards for 10,000,000 blocks (about 116 days of 1 s dev blocks,
   * over 3 years of 10 s blocks).
   */
  public static final long DEV_REWARD_POOL_UNITS = 1_000_000_000L * Amount.UNITS_PER_DDC;

  /**
   * This genesis with a staking reward pool of {@code units} taken out of {@code from}'s
   * allocation (the supply stays whole); only for a genesis at a protocol version with staking.
   *
   * @throws IllegalArgumentException if {@code from} is not allocated more than {@code units}
   *     (beyond a validator's stake), or the genesis has a pool already
   */
  public Genesis withRewardPool(Address from, long units) {
    if (staking.isPresent()) throw new IllegalArgumentException("genesis has a reward pool");
    List<Allocation> changed = new java.util.ArrayList<>();
    boolean found = false;
    for (Allocation a : allocations) {
      if (!a.address().equals(from)) {
        changed.add(a);
        continue;
      }
      found = true;
      if (a.units() <= units) {
        throw new IllegalArgumentException("the reward pool of " + Amount.format(units)
            + " DDC needs more than " + from + " is allocated (" + Amount.format(a.units()) + ")");
      }
      changed.add(new Allocation(from, a.units() - units));
    }
    if (!found) throw new IllegalArgumentException(from + " has no allocation in genesis");
    return new Genesis(params, timeMillis, validators, changed, protocolVersion,
        java.util.Optional.of(new Staking(units)));
  }

  /** This genesis starting at protocol {@code version} instead. */
  public Genesis atProtocolVersion(int version) {
    return new Genesis(params, timeMillis, validators, allocations, version, staking, upgrades);
  }

  /** Whether {@code address} is a genesis validator. */
  public boolean isValidator(Address address) {
    for (Validator v : validators) {
      if (v.address().equals(address)) return true;
    }
    return false;
  }
}
