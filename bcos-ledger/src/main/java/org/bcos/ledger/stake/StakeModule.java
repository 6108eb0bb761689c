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
import org.bcos.ledger.stake.api.StakeAmountMessage;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeCreateValidator;
import org.bcos.ledger.stake.api.StakeEditValidator;
import org.bcos.ledger.stake.api.StakeEvidence;
import org.bcos.ledger.stake.api.StakeRedelegate;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeUnjail;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.ledger.stake.api.StakingRejection;
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
  /**
   * The protocol version that brings staking (docs/GOVERNANCE.md "Staking"): its parameters are
   * declared {@code .since} it, so they are in state exactly from the genesis of a chain starting
   * at it or from the first block of an upgrade to it, and the staking rules run exactly then.
   */
  public static final int STAKING_VERSION = 3;

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
            MessageHandlers.feeFree(this::handle)),
        new MessageType<>(StakeCreateValidator.TAG, "stake.createValidator",
            StakeCreateValidator.class,
            d -> new StakeCreateValidator(d.address(), d.u32AsInt(), d.u32AsInt(), d.u32AsInt(),
                d.u64(), d.string(Transaction.MAX_ENCODED_BYTES)),
            MessageHandlers.debiting(StakingHandlers::create, StakingHandlers::checkCreate,
                StakeCreateValidator::selfBondUnits)),
        new MessageType<>(StakeEditValidator.TAG, "stake.editValidator",
            StakeEditValidator.class,
            d -> new StakeEditValidator(d.string(Transaction.MAX_ENCODED_BYTES), d.u32AsInt()),
            MessageHandlers.of(StakingHandlers::edit, StakingHandlers::checkEdit, false)),
        new MessageType<>(StakeBond.TAG, "stake.bond", StakeBond.class,
            d -> StakeAmountMessage.decode(d, StakeBond::new),
            MessageHandlers.debiting(StakingHandlers::bond, (tx, m, p) -> Verdict.OK,
                StakeBond::units)),
        new MessageType<>(StakeUnbond.TAG, "stake.unbond", StakeUnbond.class,
            d -> StakeAmountMessage.decode(d, StakeUnbond::new),
            MessageHandlers.paid(StakingHandlers::unbond)),
        new MessageType<>(StakeRedelegate.TAG, "stake.redelegate", StakeRedelegate.class,
            d -> new StakeRedelegate(d.address(), d.address(), d.u64()),
            MessageHandlers.paid(StakingHandlers::redelegate)),
        new MessageType<>(StakeWithdrawRewards.TAG, "stake.withdrawRewards",
            StakeWithdrawRewards.class, d -> new StakeWithdrawRewards(d.address()),
            MessageHandlers.paid(StakingHandlers::withdraw)),
        new MessageType<>(StakeUnjail.TAG, "stake.unjail", StakeUnjail.class,
            d -> new StakeUnjail(), MessageHandlers.paid(StakingHandlers::unjail)));
  }

  @Override
  public List<? extends Rejection> rejections() {
    List<Rejection> out = new java.util.ArrayList<>(List.of(StakeRejection.values()));
    out.addAll(List.of(StakingRejection.values()));
    return out;
  }

  @Override
  public List<ParamSpec> params() {
    List<ParamSpec> out = new java.util.ArrayList<>(List.of(SLASH_PERCENT,
        MAX_EVIDENCE_AGE_BLOCKS));
    out.addAll(StakingParams.ALL);
    return out;
  }

  /**
   * Bonds every genesis validator's stake out of its allocation: as before issue #11 at a protocol
   * version without staking, else as a staking validator with its self-bond, and puts the
   * genesis' reward pool aside (see {@link StakingGenesis}); a staking section in a genesis below
   * {@link #STAKING_VERSION} is refused.
   */
  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    if (StakingHandlers.inForce(ctx.rules())) {
      StakingGenesis.init(genesis, ctx);
      return;
    }
    if (genesis.staking().isPresent()) {
      throw new IllegalArgumentException("genesis has a staking section, but protocol version "
          + ctx.rules() + " has no staking (it starts at version " + STAKING_VERSION + ")");
    }
    Bank bank = ctx.api(Bank.class);
    StakeStore stake = new StakeStore(ctx.state());
    for (Genesis.Validator v : genesis.validators()) {
      if (v.hasOwnOperator()) {
        throw new IllegalArgumentException("genesis validator " + v.address() + " has the "
            + "operator " + v.operator() + ", but protocol version " + ctx.rules() + " has no "
            + "staking (it starts at version " + STAKING_VERSION + ")");
      }
      if (!bank.debit(v.address(), v.stakeUnits())) {
        throw new IllegalArgumentException("validator " + v.address() + " cannot bond its stake");
      }
      stake.put(v.address(), ValidatorStake.active(v.stakeUnits()));
    }
  }

  /**
   * At the first block of a protocol version that brings staking to a chain that ran without it:
   * each pre-staking validator becomes a staking validator with its whole bond self-delegated
   * ({@link StakingMigration}; the ledger has written the staking parameters from this height).
   * A version that brings other stake parameters later finds no pre-staking validator left.
   */
  @Override
  public void activate(TxContext ctx) {
    if (StakingHandlers.inForce(ctx.rules())) StakingMigration.fromPreStaking(ctx);
  }

  /**
   * On a staking chain: matures entries, shares out the block's rewards and returns the new
   * active set when it changed. Otherwise the new active set when evidence in this block changed
   * it.
   */
  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    if (StakingHandlers.inForce(ctx.rules())) return StakingEndBlock.run(ctx);
    return new StakeStore(ctx.state()).setChangeAt(ctx.height())
        .map(EndBlockEffects::validatorSet).orElse(EndBlockEffects.NONE);
  }

  @Override
  public List<Holding> holdings() {
    return List.of(
        Holding.of(StakeSchema.VALIDATORS, "bonded", v -> ValidatorStake.decode(v).bondedUnits()),
        new Holding(StakeSchema.POOL, StakeStore::decodeUnits,
            (k, v, sink) -> sink.add(poolName(k), StakeStore.decodeUnits(v))),
        new Holding(StakingStore.VALIDATORS, v -> StakingValidator.decode(v).heldUnits(),
            (k, v, sink) -> {
              StakingValidator validator = StakingValidator.decode(v);
              sink.add("bonded", validator.tokens());
              sink.add("commission", validator.commissionUnits());
              sink.add("outstandingRewards", validator.outstandingUnits());
            }),
        Holding.of(StakingStore.UNBONDING, "unbonding",
            v -> UnbondingEntry.decode(v).balanceUnits()));
  }

  /** The supply part a key of the pool column names ({@code bcos_supply}). */
  static String poolName(byte[] key) {
    if (java.util.Arrays.equals(key, StakingStore.REWARD_POOL_KEY)) return "rewardPool";
    if (java.util.Arrays.equals(key, StakingStore.COMMUNITY_POOL_KEY)) return "communityPool";
    if (java.util.Arrays.equals(key, StakeSchema.SLASHED_KEY)) return "slashedPool";
    throw new IllegalStateException("unknown stake pool key " + org.bcos.types.Hex.encode(key));
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(StakeApi.class, (state, registry) -> new StakeStore(state)),
        new ApiBinding<>(org.bcos.ledger.stake.api.CommunityPoolApi.class, (state, registry) ->
            new CommunityPool(state, registry.api(org.bcos.ledger.coin.api.Bank.class, state))));
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
    if (StakingHandlers.inForce(ctx.rules())) return StakingEndBlock.slashDoubleSign(ctx, offence);
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

  /** Under staking, fees collect in {@link StakingEndBlock#FEE_COLLECTOR} for the distribution. */
  @Override
  public Optional<org.bcos.types.Address> feeCollector(
      org.bcos.ledger.spi.ProtocolRules rules) {
    return StakingHandlers.inForce(rules) ? Optional.of(StakingEndBlock.FEE_COLLECTOR)
        : Optional.empty();
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new StakeRpc());
  }
}
