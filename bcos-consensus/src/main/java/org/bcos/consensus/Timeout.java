package org.bcos.consensus;

import java.util.Objects;

/** A timeout that the host's clock fires back into the machine after the scheduled duration. */
public record Timeout(TimeoutKind kind, long height, int round) {
  public Timeout {
    Objects.requireNonNull(kind, "kind");
    if (height < 1 || round < 0) throw new IllegalArgumentException("bad height/round");
  }
}
