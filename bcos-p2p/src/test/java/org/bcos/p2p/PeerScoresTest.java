package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Scores recover a point a second; repeated offences still reach the ban threshold. */
class PeerScoresTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final PeerScores scores = new PeerScores(-100, new PeerScores.BanPolicy(60_000, 3_600_000, 86_400_000), 100, nanos::get);

  private void seconds(long s) {
    nanos.addAndGet(s * 1_000_000_000L);
  }

  @Test
  void scoresRecoverTowardZeroButNeverAboveIt() {
    scores.penalise("p", Penalty.STALE_MESSAGE);
    assertEquals(-10, scores.score("p"));
    seconds(4);
    assertEquals(-6, scores.score("p"));
    seconds(100);
    assertEquals(0, scores.score("p"));
  }

  @Test
  void offencesFasterThanRecoveryEndInABan() {
    boolean banned = false;
    for (int i = 0; i < 20 && !banned; i++) {
      banned = scores.penalise("p", Penalty.SEND_QUEUE_FULL);
      seconds(1);
    }
    assertTrue(banned);
    assertTrue(scores.isBanned("p"));
    seconds(61);
    assertFalse(scores.isBanned("p"));
  }

  @Test
  void repeatOffencesDoubleTheBanUpToTheCapAndAQuietDayForgetsThem() {
    long[] expectedMinutes = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long minutes : expectedMinutes) {
      assertTrue(scores.penalise("r", Penalty.DECRYPT_FAILED));
      assertEquals(minutes * 60_000, scores.banRemainingMillis("r"));
      seconds(minutes * 60 + 1);
      assertFalse(scores.isBanned("r"));
    }
    seconds(86_401);
    assertTrue(scores.penalise("r", Penalty.DECRYPT_FAILED));
    assertEquals(60_000, scores.banRemainingMillis("r"));
  }

  @Test
  void aHardOffenceBansAtOnce() {
    assertTrue(scores.penalise("q", Penalty.DECRYPT_FAILED));
  }
}
