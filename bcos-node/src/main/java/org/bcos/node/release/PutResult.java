package org.bcos.node.release;

import java.nio.file.Path;

/**
 * What {@link ReleaseStore#put} did with an artifact: stored it, or refused it by name (nothing
 * kept).
 *
 * @param bytes how many bytes were read (on {@code RELEASE_TOO_LARGE}: the limit plus at least one)
 * @param sha256 the SHA-256 of what was read (null when too large: reading stopped)
 * @param path where the stored artifact is (null on a refusal)
 */
public record PutResult(Outcome outcome, long bytes, org.bcos.types.Hash sha256, Path path) {
  /** The outcomes; the refusals are the reasons a user sees. */
  public enum Outcome {
    STORED,
    /** The artifact's SHA-256 is not the voted release hash. */
    RELEASE_HASH_MISMATCH,
    /** The artifact is larger than the store's limit. */
    RELEASE_TOO_LARGE
  }

  static PutResult refused(Outcome outcome, long bytes) {
    return new PutResult(outcome, bytes, null, null);
  }

  static PutResult refused(Outcome outcome, long bytes, org.bcos.types.Hash sha256) {
    return new PutResult(outcome, bytes, sha256, null);
  }

  public boolean stored() {
    return outcome == Outcome.STORED;
  }
}
