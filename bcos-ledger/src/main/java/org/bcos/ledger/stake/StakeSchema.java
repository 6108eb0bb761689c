package org.bcos.ledger.stake;

import java.util.List;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.ValidatorStake;
import org.bcos.storage.Column;

/**
 * Storage schema v1 of the stake module. All three are state columns (under the state root).
 *
 * <ul>
 *   <li>{@link #VALIDATORS}: validator address → {@link ValidatorStake}.
 *   <li>{@link #POOL}: {@link #SLASHED_KEY} → u64 units slashed so far (held by the chain; part of
 *       the fixed supply).
 *   <li>{@link #SET_CHANGES}: u64 height of the block that changed the active set → the new set
 *       ({@link ValidatorPower#encodeSet}); it governs from that height + {@link
 *       org.bcos.ledger.ValidatorSets#ACTIVATION_DELAY} on.
 * </ul>
 */
final class StakeSchema {
  public static final Column VALIDATORS = new Column(30, "stake_validators");
  public static final Column POOL = new Column(31, "stake_pool");
  public static final Column SET_CHANGES = new Column(32, "stake_set_changes");

  public static final byte[] SLASHED_KEY = {'s', 'l', 'a', 's', 'h', 'e', 'd'};

  public static final List<Column> ALL = List.of(VALIDATORS, POOL, SET_CHANGES);

  private StakeSchema() {}
}
