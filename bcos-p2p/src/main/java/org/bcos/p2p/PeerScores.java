package org.bcos.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scores of peers (by node id) and of addresses (by IP, before a node id is known). Scores start at
 * 0; penalties lower them; a score recovers toward 0 by {@value #RECOVERY_PER_SECOND} point per
 * second (so an honest peer's occasional lapses never add up to a ban, while repeated offences
 * do); at or below the threshold the key is banned for the ban duration and its score is reset.
 * Bounded: the least recently touched keys are forgotten first.
 */
final class PeerScores {
  static final int RECOVERY_PER_SECOND = 1;

  private static final class Score {
    int score;
    long updatedNanos;
    long bannedUntilNanos;
  }

  /** Adds the recovery earned since the last update. */
  private void recover(Score e) {
    long now = nanoClock.getAsLong();
    long seconds = (now - e.updatedNanos) / 1_000_000_000L;
    if (seconds > 0) {
      e.score = (int) Math.min(0, e.score + Math.min(seconds * RECOVERY_PER_SECOND,
          Integer.MAX_VALUE));
      e.updatedNanos += seconds * 1_000_000_000L;
    }
  }

  private final int threshold;
  private final long banNanos;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final Map<String, Score> entries;

  PeerScores(int threshold, long banMillis, int maxKeys, LongSupplier nanoClock) {
    this.threshold = threshold;
    this.banNanos = banMillis * 1_000_000L;
    this.maxKeys = maxKeys;
    this.nanoClock = nanoClock;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Score> eldest) {
            return size() > PeerScores.this.maxKeys;
          }
        };
  }

  /** Applies a penalty; returns true if the key is now banned. */
  synchronized boolean penalise(String key, Penalty penalty) {
    Score e = entries.computeIfAbsent(key, k -> {
      Score s = new Score();
      s.updatedNanos = nanoClock.getAsLong();
      return s;
    });
    recover(e);
    e.score += penalty.scoreDelta();
    if (e.score <= threshold) {
      e.score = 0;
      e.bannedUntilNanos = nanoClock.getAsLong() + banNanos;
      return true;
    }
    return false;
  }

  synchronized boolean isBanned(String key) {
    Score e = entries.get(key);
    return e != null && e.bannedUntilNanos != 0 && e.bannedUntilNanos - nanoClock.getAsLong() > 0;
  }

  synchronized int score(String key) {
    Score e = entries.get(key);
    if (e == null) return 0;
    recover(e);
    return e.score;
  }
}
