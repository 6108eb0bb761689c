package org.bcos.ledger.stake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Typed access to the stake columns of one block's working state. */
final class StakeStore implements StakeApi {
  private final WorkingState state;

  public StakeStore(WorkingState state) {
    this.state = state;
  }

  @Override
  public Optional<ValidatorStake> validator(Address validator) {
    byte[] raw = state.get(StakeSchema.VALIDATORS, validator.toBytes());
    return raw == null ? Optional.empty() : Optional.of(ValidatorStake.decode(raw));
  }

  public void put(Address validator, ValidatorStake stake) {
    state.put(StakeSchema.VALIDATORS, validator.toBytes(), stake.encode());
  }

  @Override
  public Optional<org.bcos.ledger.stake.api.StakingValidator> stakingValidator(Address operator) {
    return staking().validator(operator);
  }

  @Override
  public Optional<Address> operatorOf(Address consensusKey) {
    return staking().operatorOf(consensusKey);
  }

  @Override
  public long bondedTo(Address operator) {
    return staking().validator(operator).map(v -> v.tokens()).orElse(0L);
  }

  @Override
  public long bondOf(Address bonder, Address operator) {
    var v = staking().validator(operator);
    var d = staking().delegation(bonder, operator);
    if (v.isEmpty() || d.isEmpty()) return 0;
    return StakeMath.tokensOf(d.get().shares(), v.get().tokens(), v.get().shares());
  }

  @Override
  public List<Bond> bonds(int limit) {
    java.util.Map<Address, org.bcos.ledger.stake.api.StakingValidator> validators =
        new java.util.TreeMap<>();
    for (var e : staking().validators()) validators.put(e.getKey(), e.getValue());
    List<Bond> out = new ArrayList<>();
    staking().forEachDelegation((k, d) -> {
      if (out.size() >= limit) return;
      Address operator = StakingStore.addressAt(k, 32);
      var v = validators.get(operator);
      long units = StakeMath.tokensOf(d.shares(), v.tokens(), v.shares());
      if (units > 0) out.add(new Bond(StakingStore.addressAt(k, 0), operator, units));
    });
    return out;
  }

  @Override
  public long totalBonded() {
    long total = 0;
    for (var e : staking().validators()) total = Math.addExact(total, e.getValue().tokens());
    return total;
  }

  @Override
  public long rewardPool() {
    return staking().pool(StakingStore.REWARD_POOL_KEY);
  }

  @Override
  public long communityPool() {
    return staking().pool(StakingStore.COMMUNITY_POOL_KEY);
  }

  private StakingStore staking() {
    return new StakingStore(state);
  }

  @Override
  public long slashedPool() {
    byte[] raw = state.get(StakeSchema.POOL, StakeSchema.SLASHED_KEY);
    return raw == null ? 0 : decodeUnits(raw);
  }

  public void addToSlashedPool(long units) {
    state.put(StakeSchema.POOL, StakeSchema.SLASHED_KEY,
        encodeUnits(Math.addExact(slashedPool(), units)));
  }

  /** The active validators as this block sees them, in ascending address-byte order. */
  @Override
  public List<ValidatorPower> activeSet() {
    List<ValidatorPower> out = new ArrayList<>();
    state.forEach(StakeSchema.VALIDATORS, new byte[0], (k, v) -> {
      ValidatorStake s = ValidatorStake.decode(v);
      if (s.isActive()) out.add(new ValidatorPower(Address.wrap(k), s.power()));
    });
    return out;
  }

  /** Records that the block at {@code height} changed the active set to {@code set}. */
  public void recordSetChange(long height, List<ValidatorPower> set) {
    state.put(StakeSchema.SET_CHANGES, heightKey(height), ValidatorPower.encodeSet(set));
  }

  /** The set the block at {@code height} changed the active set to, if it did. */
  public Optional<List<ValidatorPower>> setChangeAt(long height) {
    byte[] raw = state.get(StakeSchema.SET_CHANGES, heightKey(height));
    return raw == null ? Optional.empty() : Optional.of(ValidatorPower.decodeSet(raw));
  }

  public static byte[] heightKey(long height) {
    return new Encoder(8).u64(height).toByteArray();
  }

  public static long decodeHeightKey(byte[] key) {
    Decoder d = new Decoder(key);
    long h = d.u64();
    d.finish();
    return h;
  }

  static byte[] encodeUnits(long units) {
    return new Encoder(8).u64(units).toByteArray();
  }

  /** Units held by the pool entry {@code value}. */
  public static long decodeUnits(byte[] value) {
    Decoder d = new Decoder(value);
    long units = d.u64();
    d.finish();
    return units;
  }
}
