package org.bcos.ledger.dvs;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * The indexes protocol version 6 ("dvs-indexes") brings: delegations by delegate and issues by
 * community. {@link DvsStore} keeps them with every write once the marker exists; {@link #build}
 * writes the marker and builds both from the state as it stands, at genesis of a chain that
 * starts at version 6 or later, or at the first block of version 6 of an upgrading chain (before
 * that block's transactions). Deterministic: it reads the columns in key order.
 */
final class DvsIndexes {
  /** The counter key of the marker: u64 height from which the indexes are kept. */
  private static final byte[] MARKER = "indexes".getBytes(StandardCharsets.US_ASCII);

  private DvsIndexes() {}

  /** The height from which {@code state} keeps the indexes, or empty before version 6. */
  static Optional<Long> since(WorkingState state) {
    byte[] raw = state.get(DvsSchema.COUNTERS, MARKER);
    return raw == null ? Optional.empty() : Optional.of(new Decoder(raw).u64());
  }

  /**
   * Writes the marker and both indexes from the existing delegations and issues (one pass over
   * each column); does nothing when the marker exists. Returns the number of entries indexed.
   */
  static long build(WorkingState state, long height) {
    if (since(state).isPresent()) return 0;
    state.put(DvsSchema.COUNTERS, MARKER, new Encoder(8).u64(height).toByteArray());
    long[] written = {0};
    state.forEach(DvsSchema.DELEGATIONS, new byte[0], (k, v) -> {
      long community = new Decoder(k).u64();
      DvsStore.Delegation d = DvsStore.Delegation.decode(k, v);
      state.put(DvsSchema.DELEGATIONS_BY_DELEGATE, DvsStore.byDelegateKey(community, d.to(),
          d.from(), d.scope(), d.scopeId()), new byte[0]);
      written[0]++;
    });
    TreeMap<Long, Long> counts = new TreeMap<>();
    state.forEach(DvsSchema.ISSUES, new byte[0], (k, v) -> {
      Issue issue = Issue.decode(v);
      long n = counts.merge(issue.communityId(), 1L, Long::sum);
      state.put(DvsSchema.ISSUES_BY_COMMUNITY, DvsSchema.idLong(issue.communityId(), n),
          new Encoder(8).u64(issue.id()).toByteArray());
      written[0]++;
    });
    counts.forEach((community, n) -> state.put(DvsSchema.ISSUES_BY_COMMUNITY,
        DvsSchema.idLong(community, 0), new Encoder(8).u64(n).toByteArray()));
    return written[0];
  }
}
