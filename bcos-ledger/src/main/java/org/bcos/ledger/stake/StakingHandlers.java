package org.bcos.ledger.stake;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.ledger.stake.api.StakingRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.types.Amount;
import org.bcos.types.tx.Transaction;

/**
 * The handlers of the staking messages (tags 41-47), grouped as the DVS module groups its own:
 * one method per message, each refusing on a chain without the staking feature and checking
 * everything before it writes. The rules themselves are {@link Bonding}'s.
 */
final class StakingHandlers {
  private StakingHandlers() {}

  /**
   * Whether staking runs under {@code rules}: the stake module is active and the version is at
   * least {@link StakeModule#STAKING_VERSION} (the one predicate; its parameters are in force
   * exactly then too, being declared {@code .since} that version).
   */
  static boolean inForce(ProtocolRules rules) {
    return rules.isActive("stake") && rules.version() >= StakeModule.STAKING_VERSION;
  }

  static Verdict notActive(ProtocolRules rules) {
    return inForce(rules) ? Verdict.OK
        : Verdict.reject(StakingRejection.STAKING_NOT_ACTIVE, "protocol version " + rules);
  }

  static StakingParams params(TxContext ctx) {
    return StakingParams.read(ctx::param);
  }

  static Bonding bonding(TxContext ctx) {
    return new Bonding(new StakingStore(ctx.state()), ctx.api(Bank.class), params(ctx),
        ctx.height());
  }

  // --- stateless checks ---

  static Verdict checkCreate(Transaction tx, StakeCreateValidator m, ChainParams p) {
    if (!m.commission(0).isValid()) return commissionInvalid(m.rateBasisPoints());
    if (m.selfBondUnits() <= 0) {
      return Verdict.reject(StakingRejection.STAKE_NOT_POSITIVE, "self-bond");
    }
    return checkMoniker(m.moniker());
  }

  static Verdict checkEdit(Transaction tx, StakeEditValidator m, ChainParams p) {
    if (m.rateBasisPoints() != StakeEditValidator.KEEP_RATE
        && (m.rateBasisPoints() < 0 || m.rateBasisPoints() > 10_000)) {
      return commissionInvalid(m.rateBasisPoints());
    }
    return checkMoniker(m.moniker());
  }

  /** 1..64 UTF-8 bytes without control characters (monikers are shown to people). */
  static Verdict checkMoniker(String moniker) {
    int bytes = moniker.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > StakingValidator.MAX_MONIKER_BYTES
        || moniker.codePoints().anyMatch(Character::isISOControl)) {
      return Verdict.reject(StakingRejection.MONIKER_INVALID,
          "1.." + StakingValidator.MAX_MONIKER_BYTES + " bytes, no control characters");
    }
    return Verdict.OK;
  }

  // --- execution ---

  static Verdict create(TxContext ctx, Transaction tx, StakeCreateValidator m) {
    Verdict v = notActive(ctx.rules());
    if (!v.ok()) return v;
    StakingStore store = new StakingStore(ctx.state());
    if (store.validator(tx.sender()).isPresent()) {
      return Verdict.reject(StakingRejection.VALIDATOR_EXISTS, tx.sender().toString());
    }
    if (store.operatorOf(m.consensusKey()).isPresent()) {
      return Verdict.reject(StakingRejection.CONSENSUS_KEY_IN_USE, m.consensusKey().toString());
    }
    long min = params(ctx).minSelfBondUnits();
    if (m.selfBondUnits() < min) {
      return Verdict.reject(StakingRejection.SELF_BOND_TOO_SMALL,
          "at least " + Amount.format(min) + " DDC");
    }
    long balance = ctx.api(Bank.class).balance(tx.sender());
    if (balance < m.selfBondUnits() || balance - m.selfBondUnits() < tx.fee()) {
      return Verdict.reject(StakingRejection.BOND_EXCEEDS_BALANCE,
          "has " + Amount.format(balance) + " DDC");
    }
    store.putValidator(tx.sender(), new StakingValidator(m.consensusKey(),
        m.commission(ctx.height()), 0, 0, BigInteger.ZERO, 0, 0, 0, false, false, m.moniker()));
    store.putConsensusKey(m.consensusKey(), tx.sender());
    Verdict bonded = bonding(ctx).bond(tx.sender(), tx.sender(), m.selfBondUnits(), tx.fee());
    if (!bonded.ok()) throw new IllegalStateException("checked bond refused: " + bonded);
    return Verdict.OK;
  }

  static Verdict edit(TxContext ctx, Transaction tx, StakeEditValidator m) {
    Verdict v = notActive(ctx.rules());
    if (!v.ok()) return v;
    StakingStore store = new StakingStore(ctx.state());
    Optional<StakingValidator> found = store.validator(tx.sender());
    if (found.isEmpty()) return noValidator(tx);
    StakingValidator.Commission c = found.get().commission();
    if (m.rateBasisPoints() != StakeEditValidator.KEEP_RATE
        && m.rateBasisPoints() != c.rateBasisPoints()) {
      Verdict refused = checkRateChange(c, m.rateBasisPoints(), ctx.height(),
          params(ctx).commissionChangeIntervalBlocks());
      if (!refused.ok()) return refused;
      c = new StakingValidator.Commission(m.rateBasisPoints(), c.maxRateBasisPoints(),
          c.maxChangeBasisPoints(), ctx.height());
    }
    store.putValidator(tx.sender(), found.get().withDescription(c, m.moniker()));
    return Verdict.OK;
  }

  private static Verdict checkRateChange(StakingValidator.Commission c, int rate, long height,
      long interval) {
    if (rate > c.maxRateBasisPoints()) return commissionInvalid(rate);
    if (Math.abs(rate - c.rateBasisPoints()) > c.maxChangeBasisPoints()) {
      return Verdict.reject(StakingRejection.COMMISSION_CHANGE_TOO_LARGE,
          "at most " + c.maxChangeBasisPoints() + " basis points at once");
    }
    if (height - c.lastChangeHeight() < interval) {
      return Verdict.reject(StakingRejection.COMMISSION_CHANGE_TOO_SOON,
          "last changed at " + c.lastChangeHeight() + ", next from "
              + (c.lastChangeHeight() + interval));
    }
    return Verdict.OK;
  }

  static Verdict bond(TxContext ctx, Transaction tx, StakeBond m) {
    Verdict v = notActive(ctx.rules());
    return v.ok() ? bonding(ctx).bond(tx.sender(), m.validator(), m.units(), tx.fee()) : v;
  }

  static Verdict unbond(TxContext ctx, Transaction tx, StakeUnbond m) {
    Verdict v = notActive(ctx.rules());
    return v.ok() ? bonding(ctx).unbond(tx.sender(), m.validator(), m.units()) : v;
  }

  static Verdict redelegate(TxContext ctx, Transaction tx, StakeRedelegate m) {
    Verdict v = notActive(ctx.rules());
    return v.ok()
        ? bonding(ctx).redelegate(tx.sender(), m.source(), m.destination(), m.units()) : v;
  }

  static Verdict withdraw(TxContext ctx, Transaction tx, StakeWithdrawRewards m) {
    Verdict v = notActive(ctx.rules());
    return v.ok() ? bonding(ctx).withdraw(tx.sender(), m.validator()) : v;
  }

  static Verdict unjail(TxContext ctx, Transaction tx, StakeUnjail m) {
    Verdict v = notActive(ctx.rules());
    if (!v.ok()) return v;
    StakingStore store = new StakingStore(ctx.state());
    Optional<StakingValidator> found = store.validator(tx.sender());
    if (found.isEmpty()) return noValidator(tx);
    StakingValidator val = found.get();
    if (val.tombstoned()) return Verdict.reject(StakingRejection.VALIDATOR_UNUSABLE, "tombstoned");
    if (!val.jailed()) return Verdict.reject(StakingRejection.NOT_JAILED, "");
    if (ctx.height() < val.jailedUntil()) {
      return Verdict.reject(StakingRejection.JAIL_PERIOD_NOT_OVER,
          "from height " + val.jailedUntil());
    }
    long self = bonding(ctx).bondOf(tx.sender(), tx.sender());
    long min = params(ctx).minSelfBondUnits();
    if (self < min) {
      return Verdict.reject(StakingRejection.SELF_BOND_TOO_SMALL, "bonds "
          + Amount.format(self) + " DDC, needs " + Amount.format(min) + " DDC");
    }
    store.putValidator(tx.sender(), val.withJail(false, 0, false));
    return Verdict.OK;
  }

  private static Verdict noValidator(Transaction tx) {
    return Verdict.reject(StakingRejection.NO_SUCH_VALIDATOR, "the sender " + tx.sender()
        + " operates none");
  }

  private static Verdict commissionInvalid(int rate) {
    return Verdict.reject(StakingRejection.COMMISSION_INVALID, "rate " + rate);
  }
}
