package org.bcos.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sync progress line: start, a rate and ETA per interval, caught up; silent when close. */
class SyncProgressTest {
  @Test
  void reportsStartRateEtaAndCatchingUp() {
    SyncProgress p = new SyncProgress(5_000);
    assertEquals(Optional.of("syncing from height 1 to 1000"), p.imported(1, 1000, 0));
    assertTrue(p.imported(200, 1000, 1_000).isEmpty(), "not yet due");
    assertEquals(Optional.of("height 501/1000 (50.1%) 100 blocks/s ETA 5s"),
        p.imported(501, 1000, 5_000));
    assertEquals(Optional.of("caught up at height 998"), p.imported(998, 1000, 6_000));
    assertTrue(p.imported(999, 1000, 7_000).isEmpty(), "a node a block behind is not syncing");
  }
}
