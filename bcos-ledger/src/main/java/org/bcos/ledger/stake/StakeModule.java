package org.bcos.ledger.stake;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.coin.CoinStore;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.tx.TxContext;
import org.bcos.ledger.tx.Verdict;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.StakeEvidence;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;

/**
 * The stake module: validators bond stake at genesis; their voting power is their whole bonded
 * DDC. Double signing proven by a {@link StakeEvidence} transaction slashes {@value
 * #SLASH_PERCENT}% of the offender's stake into the slashed pool (so the supply stays fixed), jails
 * the offender and removes it from the active set, effective {@value #ACTIVATION_DELAY} heights
 * after the block that includes the evidence.
 */
public final class StakeModule {
  /** Heights between the block that changes the set and the first height it governs. */
  public static final long ACTIVATION_DELAY = 2;

  /** Share of the bonded stake a double-signer loses. */
  public static final int SLASH_PERCENT = 10;

  /** Evidence older than this many blocks is refused. */
  public static final long MAX_EVIDENCE_AGE_BLOCKS = 100_000;

  private final EvidenceCheck evidenceCheck;
  private final ValidatorSets sets;

  public StakeModule(EvidenceCheck evidenceCheck, ValidatorSets sets) {
    this.evidenceCheck = evidenceCheck;
    this.sets = sets;
  }

  /** Bonds every genesis validator's stake out of its allocation. */
  public static void applyGenesis(Genesis genesis, WorkingState state) {
    CoinStore coins = new CoinStore(state);
    StakeStore stake = new StakeStore(state);
    for (Genesis.Validator v : genesis.validators()) {
      Account a = coins.getOrEmpty(v.address());
      coins.put(v.address(), new Account(a.balanceUnits() - v.stakeUnits(), a.nonce()));
      stake.put(v.address(), ValidatorStake.active(v.stakeUnits()));
    }
  }

  /** Checks and applies one evidence report. On rejection nothing was written. */
  public Verdict handle(TxContext ctx, Transaction tx, StakeEvidence m) {
    if (tx.fee() == 0 && TransactionCodec.powBits(tx) < StakeEvidence.FEE_FREE_POW_BITS) {
      return Verdict.reject(Rejection.STAMP_INSUFFICIENT, "a fee-free evidence report needs "
          + StakeEvidence.FEE_FREE_POW_BITS + " bits");
    }
    Optional<EvidenceCheck.Offence> found;
    try {
      found = evidenceCheck.verify(m.evidence(), ctx.params().chainId(), sets::setAt);
    } catch (RuntimeException e) {
      found = Optional.empty(); // a check that trips over hostile bytes refuses them
    }
    if (found.isEmpty()) return Verdict.reject(Rejection.INVALID_EVIDENCE, "");
    EvidenceCheck.Offence offence = found.get();
    // the offence may be at the including block's own height (a double vote in an earlier round)
    if (offence.height() < 1 || offence.height() > ctx.height()
        || ctx.height() - offence.height() > MAX_EVIDENCE_AGE_BLOCKS) {
      return Verdict.reject(Rejection.EVIDENCE_TOO_OLD, "offence at height " + offence.height()
          + ", block " + ctx.height() + ", at most " + MAX_EVIDENCE_AGE_BLOCKS + " blocks back");
    }
    StakeStore stake = new StakeStore(ctx.state());
    Optional<ValidatorStake> offender = stake.find(offence.offender());
    if (offender.isEmpty() || !offender.get().isActive()) {
      return Verdict.reject(Rejection.OFFENDER_NOT_ACTIVE, offence.offender().toString());
    }
    List<ValidatorPower> before = stake.activeSet();
    if (before.size() <= 1) return Verdict.reject(Rejection.LAST_VALIDATOR, "");
    long bonded = offender.get().bondedUnits();
    long slashed = bonded / 100 * SLASH_PERCENT + bonded % 100 * SLASH_PERCENT / 100;
    stake.put(offence.offender(), new ValidatorStake(bonded - slashed, true, ctx.height()));
    stake.addToSlashedPool(slashed);
    stake.recordSetChange(ctx.height(), stake.activeSet());
    return Verdict.OK;
  }
}
