package org.bcos.ledger.gov;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.Proposal;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** The gov module's typed store over a block's (or the head's) state. */
final class GovStore implements GovApi {
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] LAST_ID = "proposal".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OPEN = "open".getBytes(StandardCharsets.US_ASCII);

  private final WorkingState state;

  GovStore(WorkingState state) {
    this.state = state;
  }

  // --- proposals ---

  @Override
  public Optional<Proposal> proposal(long id) {
    byte[] raw = state.get(GovSchema.PROPOSALS, GovSchema.id(id));
    return raw == null ? Optional.empty() : Optional.of(Proposal.decode(raw));
  }

  @Override
  public List<Proposal> proposals(long afterId, int limit) {
    // ids are consecutive from 1, so a page is direct reads, never a scan of old proposals
    List<Proposal> out = new ArrayList<>();
    long last = counter(LAST_ID);
    for (long id = Math.max(afterId, 0) + 1; id <= last && out.size() < limit; id++) {
      proposal(id).ifPresent(out::add);
    }
    return out;
  }

  void put(Proposal p) {
    state.put(GovSchema.PROPOSALS, GovSchema.id(p.id()), p.encode());
  }

  long nextId() {
    long id = counter(LAST_ID) + 1;
    setCounter(LAST_ID, id);
    return id;
  }

  long openCount() {
    return counter(OPEN);
  }

  void addOpen(int delta) {
    setCounter(OPEN, Math.addExact(counter(OPEN), delta));
  }

  private long counter(byte[] key) {
    byte[] raw = state.get(GovSchema.COUNTERS, key);
    return raw == null ? 0 : new Decoder(raw).u64();
  }

  private void setCounter(byte[] key, long value) {
    if (value < 0) throw new IllegalStateException("negative gov counter");
    state.put(GovSchema.COUNTERS, key, units(value));
  }

  // --- deposits ---

  @Override
  public List<Deposit> deposits(long proposalId) {
    List<Deposit> out = new ArrayList<>();
    state.forEach(GovSchema.DEPOSITS, GovSchema.id(proposalId), (k, v) -> out.add(new Deposit(
        Address.wrap(java.util.Arrays.copyOfRange(k, 8, 40)), decodeUnits(v))));
    return out;
  }

  long deposit(long proposalId, Address depositor) {
    byte[] raw = state.get(GovSchema.DEPOSITS, GovSchema.deposit(proposalId, depositor));
    return raw == null ? 0 : decodeUnits(raw);
  }

  void putDeposit(long proposalId, Address depositor, long units) {
    state.put(GovSchema.DEPOSITS, GovSchema.deposit(proposalId, depositor), units(units));
  }

  void deleteDeposit(long proposalId, Address depositor) {
    state.delete(GovSchema.DEPOSITS, GovSchema.deposit(proposalId, depositor));
  }

  // --- queue ---

  void enqueue(int kind, long height, long id) {
    state.put(GovSchema.QUEUE, GovSchema.queue(kind, height, id), EMPTY);
  }

  void dequeue(int kind, long height, long id) {
    state.delete(GovSchema.QUEUE, GovSchema.queue(kind, height, id));
  }

  /** Proposal ids queued for {@code kind} at {@code height}, ascending. */
  List<Long> due(int kind, long height) {
    List<Long> out = new ArrayList<>();
    state.forEach(GovSchema.QUEUE, GovSchema.queuePrefix(kind, height),
        (k, v) -> out.add(new Decoder(java.util.Arrays.copyOfRange(k, 9, 17)).u64()));
    return out;
  }

  static byte[] units(long units) {
    return new Encoder(8).u64(units).toByteArray();
  }

  static long decodeUnits(byte[] raw) {
    Decoder d = new Decoder(raw);
    long units = d.u64();
    d.finish();
    return units;
  }
}
