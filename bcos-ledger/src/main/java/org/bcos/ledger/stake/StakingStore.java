package org.bcos.ledger.stake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.Invariants;
import org.bcos.ledger.state.WorkingState;
import org.bcos.ledger.stake.api.Delegation;
import org.bcos.ledger.stake.api.RedelegationEntry;
import org.bcos.ledger.stake.api.StakingValidator;
import org.bcos.ledger.stake.api.UnbondingEntry;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Typed access to the staking columns (docs/GOVERNANCE.md "State layout") of one block's working
 * state. Keys are fixed-width and big-endian, so a prefix scan visits entries in a deterministic
 * order (by operator, then bonder, then height).
 */
final class StakingStore {
  static final Column VALIDATORS = new Column(33, "stake_validators_v2");
  static final Column DELEGATIONS = new Column(34, "stake_delegations");
  static final Column UNBONDING = new Column(35, "stake_unbonding");
  static final Column REDELEGATIONS = new Column(36, "stake_redelegations");
  static final Column QUEUE = new Column(37, "stake_queue");
  static final Column SIGNING = new Column(38, "stake_signing");
  static final Column CONSENSUS_KEYS = new Column(39, "stake_keys");

  /** The staking columns, in id order (empty on a chain without the feature). */
  static final java.util.List<Column> COLUMNS = java.util.List.of(VALIDATORS, DELEGATIONS,
      UNBONDING, REDELEGATIONS, QUEUE, SIGNING, CONSENSUS_KEYS);

  static final byte[] REWARD_POOL_KEY = {'r', 'e', 'w', 'a', 'r', 'd'};
  static final byte[] COMMUNITY_POOL_KEY = {'c', 'o', 'm', 'm', 'u', 'n', 'i', 't', 'y'};

  /** Kinds of maturing entries in {@link #QUEUE}. */
  static final int KIND_UNBONDING = 1;
  static final int KIND_REDELEGATION = 2;

  private static final byte[] PRESENT = {1};
  // the redelegations column holds each entry under OUTGOING (slashing scans a source) and an
  // empty marker under INCOMING (the transitive-redelegation check looks up a destination)
  private static final byte[] OUTGOING = {0};
  private static final byte[] INCOMING = {1};

  private final WorkingState state;

  StakingStore(WorkingState state) {
    this.state = state;
  }

  // --- validators ---

  Optional<StakingValidator> validator(Address operator) {
    byte[] raw = state.get(VALIDATORS, operator.toBytes());
    return raw == null ? Optional.empty() : Optional.of(StakingValidator.decode(raw));
  }

  void putValidator(Address operator, StakingValidator v) {
    state.put(VALIDATORS, operator.toBytes(), v.encode());
  }

  /** Every validator, by operator address. */
  List<Map.Entry<Address, StakingValidator>> validators() {
    List<Map.Entry<Address, StakingValidator>> out = new ArrayList<>();
    state.forEach(VALIDATORS, new byte[0], (k, v) ->
        out.add(Map.entry(Address.wrap(k), StakingValidator.decode(v))));
    return out;
  }

  Optional<Address> operatorOf(Address consensusKey) {
    byte[] raw = state.get(CONSENSUS_KEYS, consensusKey.toBytes());
    return raw == null ? Optional.empty() : Optional.of(Address.wrap(raw));
  }

  void putConsensusKey(Address consensusKey, Address operator) {
    state.put(CONSENSUS_KEYS, consensusKey.toBytes(), operator.toBytes());
  }

  // --- delegations ---

  Optional<Delegation> delegation(Address bonder, Address operator) {
    byte[] raw = state.get(DELEGATIONS, pair(bonder, operator));
    return raw == null ? Optional.empty() : Optional.of(Delegation.decode(raw));
  }

  /** Writes the delegation, or deletes it when {@code d} is empty (no shares left). */
  void putDelegation(Address bonder, Address operator, Optional<Delegation> d) {
    if (d.isPresent()) {
      state.put(DELEGATIONS, pair(bonder, operator), d.get().encode());
    } else {
      state.delete(DELEGATIONS, pair(bonder, operator));
    }
  }

  /** Every delegation of {@code bonder}: operator → delegation, by operator. */
  List<Map.Entry<Address, Delegation>> delegationsOf(Address bonder) {
    List<Map.Entry<Address, Delegation>> out = new ArrayList<>();
    state.forEach(DELEGATIONS, bonder.toBytes(), (k, v) -> out.add(Map.entry(
        Address.wrap(java.util.Arrays.copyOfRange(k, 32, 64)), Delegation.decode(v))));
    return out;
  }

  /** Every delegation: (bonder, operator) key → delegation, in key order. */
  void forEachDelegation(java.util.function.BiConsumer<byte[], Delegation> visitor) {
    state.forEach(DELEGATIONS, new byte[0], (k, v) -> visitor.accept(k, Delegation.decode(v)));
  }

  // --- unbonding and redelegation entries ---

  Optional<UnbondingEntry> unbonding(byte[] key) {
    byte[] raw = state.get(UNBONDING, key);
    return raw == null ? Optional.empty() : Optional.of(UnbondingEntry.decode(raw));
  }

  void putUnbonding(byte[] key, UnbondingEntry e) {
    state.put(UNBONDING, key, e.encode());
    state.put(QUEUE, queueKey(e.completionHeight(), KIND_UNBONDING, key), PRESENT);
  }

  void deleteUnbonding(byte[] key, long completionHeight) {
    state.delete(UNBONDING, key);
    state.delete(QUEUE, queueKey(completionHeight, KIND_UNBONDING, key));
  }

  /** Unbonding entries from {@code operator}: key → entry, by bonder then creation height. */
  List<Map.Entry<byte[], UnbondingEntry>> unbondingsFrom(Address operator) {
    return unbondings(operator.toBytes());
  }

  /** Unbonding entries of {@code bonder} from {@code operator}, by creation height. */
  List<Map.Entry<byte[], UnbondingEntry>> unbondings(Address operator, Address bonder) {
    return unbondings(pair(operator, bonder));
  }

  private List<Map.Entry<byte[], UnbondingEntry>> unbondings(byte[] prefix) {
    List<Map.Entry<byte[], UnbondingEntry>> out = new ArrayList<>();
    state.forEach(UNBONDING, prefix, (k, v) ->
        out.add(Map.entry(k, UnbondingEntry.decode(v))));
    return out;
  }

  Optional<RedelegationEntry> redelegation(byte[] key) {
    byte[] raw = state.get(REDELEGATIONS, key);
    return raw == null ? Optional.empty() : Optional.of(RedelegationEntry.decode(raw));
  }

  void putRedelegation(byte[] key, RedelegationEntry e) {
    state.put(REDELEGATIONS, key, e.encode());
    state.put(REDELEGATIONS, incomingKey(key), PRESENT);
    state.put(QUEUE, queueKey(e.completionHeight(), KIND_REDELEGATION, key), PRESENT);
  }

  void deleteRedelegation(byte[] key, long completionHeight) {
    state.delete(REDELEGATIONS, key);
    state.delete(REDELEGATIONS, incomingKey(key));
    state.delete(QUEUE, queueKey(completionHeight, KIND_REDELEGATION, key));
  }

  /** Redelegation entries out of {@code source}: key → entry, in key order. */
  List<Map.Entry<byte[], RedelegationEntry>> redelegationsFrom(Address source) {
    return redelegations(concat(OUTGOING, source.toBytes()));
  }

  /** Redelegation entries of {@code bonder} out of {@code source}, in key order. */
  List<Map.Entry<byte[], RedelegationEntry>> redelegationsFrom(Address source, Address bonder) {
    return redelegations(concat(OUTGOING, pair(source, bonder)));
  }

  private List<Map.Entry<byte[], RedelegationEntry>> redelegations(byte[] prefix) {
    List<Map.Entry<byte[], RedelegationEntry>> out = new ArrayList<>();
    state.forEach(REDELEGATIONS, prefix, (k, v) ->
        out.add(Map.entry(k, RedelegationEntry.decode(v))));
    return out;
  }

  /**
   * Redelegation entries of {@code bonder} from any source, by destination, source and creation
   * height (read through the incoming index): entry key → entry.
   */
  List<Map.Entry<byte[], RedelegationEntry>> redelegationsOf(Address bonder) {
    List<byte[]> keys = new ArrayList<>();
    state.forEach(REDELEGATIONS, concat(INCOMING, bonder.toBytes()), (k, v) -> keys.add(
        redelegationKey(addressAt(k, 65), bonder, addressAt(k, 33), creationHeightOf(k))));
    List<Map.Entry<byte[], RedelegationEntry>> out = new ArrayList<>();
    for (byte[] key : keys) {
      out.add(Map.entry(key, redelegation(key).orElseThrow(() -> new IllegalStateException(
          "a redelegation index entry without its entry"))));
    }
    return out;
  }

  /** Whether {@code bonder} has a redelegation into {@code destination} still settling. */
  boolean hasIncomingRedelegation(Address bonder, Address destination) {
    boolean[] found = {false};
    state.forEach(REDELEGATIONS, concat(INCOMING, pair(bonder, destination)),
        (k, v) -> found[0] = true);
    return found[0];
  }

  /** Entries maturing at {@code height}: (kind, entry key), in key order. */
  List<Map.Entry<Integer, byte[]>> maturingAt(long height) {
    List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
    state.forEach(QUEUE, u64(height), (k, v) -> out.add(Map.entry((int) k[8],
        java.util.Arrays.copyOfRange(k, 9, k.length))));
    return out;
  }

  // --- downtime: consensus key → record; consensus key | u64 word → 64 missed bits ---

  Optional<SigningRecord> signing(Address consensusKey) {
    byte[] raw = state.get(SIGNING, consensusKey.toBytes());
    return raw == null ? Optional.empty() : Optional.of(SigningRecord.decode(raw));
  }

  void putSigning(Address consensusKey, SigningRecord r) {
    state.put(SIGNING, consensusKey.toBytes(), r.encode());
  }

  boolean missedBit(Address consensusKey, long slot) {
    return (word(consensusKey, slot / 64) >>> (slot % 64) & 1) == 1;
  }

  void setMissedBit(Address consensusKey, long slot, boolean missed) {
    long w = word(consensusKey, slot / 64);
    long bit = 1L << (slot % 64);
    long next = missed ? w | bit : w & ~bit;
    if (next == w) return;
    byte[] key = concat(consensusKey.toBytes(), u64(slot / 64));
    if (next == 0) {
      state.delete(SIGNING, key);
    } else {
      state.put(SIGNING, key, bits(next));
    }
  }

  /** Forgets {@code consensusKey}'s record and bitmap (its window starts over). */
  void clearSigning(Address consensusKey) {
    List<byte[]> keys = new ArrayList<>();
    state.forEach(SIGNING, consensusKey.toBytes(), (k, v) -> keys.add(k));
    for (byte[] k : keys) state.delete(SIGNING, k);
  }

  private long word(Address consensusKey, long index) {
    byte[] raw = state.get(SIGNING, concat(consensusKey.toBytes(), u64(index)));
    if (raw == null) return 0;
    Invariants.check(raw.length == Long.BYTES, "a missed-blocks word is 8 bytes");
    long w = 0;
    for (byte b : raw) w = (w << 8) | (b & 0xff);
    return w;
  }

  /**
   * A bitmap word's 64 bits, big-endian: all of them (slot 63 is the sign bit, which {@code u64}
   * refuses, so a miss in the 64th slot of a word must not go through it).
   */
  private static byte[] bits(long word) {
    byte[] out = new byte[Long.BYTES];
    for (int i = 0; i < Long.BYTES; i++) out[i] = (byte) (word >>> (8 * (Long.BYTES - 1 - i)));
    return out;
  }

  // --- pools (in the stake module's existing pool column) ---

  long pool(byte[] key) {
    byte[] raw = state.get(StakeSchema.POOL, key);
    return raw == null ? 0 : StakeStore.decodeUnits(raw);
  }

  void addToPool(byte[] key, long units) {
    state.put(StakeSchema.POOL, key, StakeStore.encodeUnits(Math.addExact(pool(key), units)));
  }

  void takeFromPool(byte[] key, long units) {
    long have = pool(key);
    if (units < 0 || units > have) throw new IllegalStateException("pool overdrawn");
    state.put(StakeSchema.POOL, key, StakeStore.encodeUnits(have - units));
  }

  // --- keys ---

  static byte[] pair(Address first, Address second) {
    return concat(first.toBytes(), second.toBytes());
  }

  /** operator | bonder | u64 creation height. */
  static byte[] unbondingKey(Address operator, Address bonder, long creationHeight) {
    return concat(pair(operator, bonder), u64(creationHeight));
  }

  /** 0x00 | source | bonder | destination | u64 creation height (the entry). */
  static byte[] redelegationKey(Address source, Address bonder, Address destination,
      long creationHeight) {
    return concat(concat(concat(OUTGOING, pair(source, bonder)), destination.toBytes()),
        u64(creationHeight));
  }

  /** 0x01 | bonder | destination | source | u64 creation height (the index of an entry). */
  private static byte[] incomingKey(byte[] entryKey) {
    return concat(concat(INCOMING, java.util.Arrays.copyOfRange(entryKey, 33, 97)),
        concat(java.util.Arrays.copyOfRange(entryKey, 1, 33),
            java.util.Arrays.copyOfRange(entryKey, 97, 105)));
  }

  /** The creation height at the end of an entry key. */
  static long creationHeightOf(byte[] entryKey) {
    return new org.bcos.types.codec.Decoder(
        java.util.Arrays.copyOfRange(entryKey, entryKey.length - 8, entryKey.length)).u64();
  }

  /** The address at byte {@code offset} of a key. */
  static Address addressAt(byte[] key, int offset) {
    return Address.wrap(java.util.Arrays.copyOfRange(key, offset, offset + 32));
  }

  private static byte[] queueKey(long completion, int kind, byte[] entryKey) {
    return concat(new Encoder(9).u64(completion).u8(kind).toByteArray(), entryKey);
  }

  static byte[] u64(long v) {
    return new Encoder(8).u64(v).toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
