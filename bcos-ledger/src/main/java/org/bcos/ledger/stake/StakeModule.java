package org.bcos.ledger.stake;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.ParamSpec.Unit;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeRejection;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.UnbondingEntry;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.ledger.stake.rpc.StakeRpc;
import org.bcos.storage.KeyValueStore;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxRejection;

/**
 * The stake module: validators bond stake at genesis; their voting power is their whole bonded
 * DDC. Double signing proven by a {@link StakeEvidence} transaction slashes {@link
 * #SLASH_PERCENT}% of the offender's stake into the slashed pool (so the supply stays fixed), jails
 * the offender and removes it from the active set; the block's end returns the new set, which
 * governs from {@link org.bcos.ledger.ValidatorSets#ACTIVATION_DELAY} heights on.
 */
public final class StakeModule implements LedgerModule {
  public static final ParamSpec SLASH_PERCENT = new ParamSpec("slashPercent", 0, 100, 10,
      Unit.PERCENT, "Share of its bonded stake a validator proven to double-sign loses.");
  public static final ParamSpec MAX_EVIDENCE_AGE_BLOCKS = new ParamSpec("maxEvidenceAgeBlocks",
      1, 10_000_000, 100_000, Unit.BLOCKS, "Evidence of an offence older than this is refused.");

  private final EvidenceCheck evidenceCheck;

  /** A stake module that checks double-signing evidence with {@code evidenceCheck}. */
  public StakeModule(EvidenceCheck evidenceCheck) {
    this.evidenceCheck = evidenceCheck;
  }

  @Override
  public String name() {
    return "stake";
  }

  @Override
  public ModuleSchema schema() {
    List<org.bcos.storage.Column> columns = new java.util.ArrayList<>(StakeSchema.ALL);
    columns.addAll(StakingStore.COLUMNS);
    return ModuleSchema.v1(columns);
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of(new MessageType<>(StakeEvidence.TAG, "stake.evidence", StakeEvidence.class,
        d -> new StakeEvidence(d.bytes(StakeEvidence.MAX_EVIDENCE_BYTES)),
        MessageHandlers.feeFree(this::handle)));
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(StakeRejection.values());
  }

  @Override
  public List<ParamSpec> params() {
    return List.of(SLASH_PERCENT, MAX_EVIDENCE_AGE_BLOCKS);
  }

  /** Bonds every genesis validator's stake out of its allocation. */
  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    Bank bank = ctx.api(Bank.class);
    StakeStore stake = new StakeStore(ctx.state());
    for (Genesis.Validator v : genesis.validators()) {
      if (!bank.debit(v.address(), v.stakeUnits())) {
        throw new IllegalArgumentException("validator " + v.address() + " cannot bond its stake");
      }
      stake.put(v.address(), ValidatorStake.active(v.stakeUnits()));
    }
  }

  /** The new active set, when a transaction of this block changed it. */
  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    return new StakeStore(ctx.state()).setChangeAt(ctx.height())
        .map(EndBlockEffects::validatorSet).orElse(EndBlockEffects.NONE);
  }

  @Override
  public List<Holding> holdings() {
    return List.of(
        new Holding(StakeSchema.VALIDATORS, v -> ValidatorStake.decode(v).bondedUnits()),
        new Holding(StakeSchema.POOL, StakeStore::decodeUnits),
        new Holding(StakingStore.VALIDATORS, v -> StakingValidator.decode(v).heldUnits()),
        new Holding(StakingStore.UNBONDING, v -> UnbondingEntry.decode(v).balanceUnits()));
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(StakeApi.class, (state, registry) -> new StakeStore(state)));
  }

  @Override
  public NavigableMap<Long, List<ValidatorPower>> recordedValidatorSets(KeyValueStore store) {
    NavigableMap<Long, List<ValidatorPower>> out = new TreeMap<>();
    store.forEach(StakeSchema.SET_CHANGES, new byte[0], (k, v) ->
        out.put(StakeStore.decodeHeightKey(k), ValidatorPower.decodeSet(v)));
    return out;
  }

  /** Checks and applies one evidence report. On rejection nothing was written. */
  private Verdict handle(TxContext ctx, Transaction tx, StakeEvidence m) {
    if (tx.fee() == 0 && TransactionCodec.powBits(tx) < StakeEvidence.FEE_FREE_POW_BITS) {
      return Verdict.reject(TxRejection.STAMP_INSUFFICIENT, "a fee-free evidence report needs "
          + StakeEvidence.FEE_FREE_POW_BITS + " bits");
    }
    Optional<EvidenceCheck.Offence> found;
    try {
      found = evidenceCheck.verify(m.evidence(), ctx.params().chainId(), ctx::validatorSetAt);
    } catch (RuntimeException e) {
      found = Optional.empty(); // a check that trips over hostile bytes refuses them
    }
    if (found.isEmpty()) return Verdict.reject(StakeRejection.INVALID_EVIDENCE, "");
    EvidenceCheck.Offence offence = found.get();
    long maxAge = ctx.param(MAX_EVIDENCE_AGE_BLOCKS.name());
    // the offence may be at the including block's own height (a double vote in an earlier round)
    if (offence.height() < 1 || offence.height() > ctx.height()
        || ctx.height() - offence.height() > maxAge) {
      return Verdict.reject(StakeRejection.EVIDENCE_TOO_OLD, "offence at height "
          + offence.height() + ", block " + ctx.height() + ", at most " + maxAge
          + " blocks back");
    }
    StakeStore stake = new StakeStore(ctx.state());
    Optional<ValidatorStake> offender = stake.validator(offence.offender());
    if (offender.isEmpty() || !offender.get().isActive()) {
      return Verdict.reject(StakeRejection.OFFENDER_NOT_ACTIVE, offence.offender().toString());
    }
    List<ValidatorPower> before = stake.activeSet();
    if (before.size() <= 1) return Verdict.reject(StakeRejection.LAST_VALIDATOR, "");
    long bonded = offender.get().bondedUnits();
    long percent = ctx.param(SLASH_PERCENT.name());
    long slashed = bonded / 100 * percent + bonded % 100 * percent / 100;
    stake.put(offence.offender(), new ValidatorStake(bonded - slashed, true, ctx.height()));
    stake.addToSlashedPool(slashed);
    stake.recordSetChange(ctx.height(), stake.activeSet());
    return Verdict.OK;
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new StakeRpc());
  }
}
