package org.bcos.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Scores of peers (by node id) and of addresses (by IP, before a node id is known). Scores start at
 * 0; penalties lower them; a score recovers toward 0 by {@value #RECOVERY_PER_SECOND} point per
 * second (so an honest peer's occasional lapses never add up to a ban, while repeated offences
 * do); at or below the threshold the key is banned and its score is reset. Bans escalate: the
 * first lasts the base duration, each repeat offence doubles it up to the cap, and a key that
 * stays out of trouble for the forget period starts again from the base (a one-off lapse costs a
 * minute, a persistent offender is kept out for long). Bounded: the least recently touched keys
 * are forgotten first.
 */
final class PeerScores {
  static final int RECOVERY_PER_SECOND = 1;

  /** How long bans last: first ban, cap of the doubling, quiet time after which offences reset. */
  record BanPolicy(long baseMillis, long maxMillis, long forgetMillis) {
    static BanPolicy of(P2pConfig config) {
      return new BanPolicy(config.banBaseMillis(), config.banMaxMillis(), config.banForgetMillis());
    }

    /** Duration of the {@code offences}-th ban (1-based): base doubled per repeat, capped. */
    long durationNanos(int offences) {
      int doublings = Math.min(Math.max(offences - 1, 0), 40);
      long millis = baseMillis >= (maxMillis >> doublings) ? maxMillis : baseMillis << doublings;
      return Math.min(millis, maxMillis) * 1_000_000L;
    }
  }

  private static final class Score {
    int score;
    long updatedNanos;
    long bannedUntilNanos;
    int bans;
  }

  private final int threshold;
  private final BanPolicy policy;
  private final int maxKeys;
  private final LongSupplier nanoClock;
  private final Map<String, Score> entries;

  PeerScores(int threshold, BanPolicy policy, int maxKeys, LongSupplier nanoClock) {
    this.threshold = threshold;
    this.policy = policy;
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
    if (e.score > threshold) return false;
    long now = nanoClock.getAsLong();
    if (e.bans > 0 && now - e.bannedUntilNanos > policy.forgetMillis() * 1_000_000L) e.bans = 0;
    e.bans = Math.min(e.bans + 1, 1_000);
    e.score = 0;
    e.bannedUntilNanos = now + policy.durationNanos(e.bans);
    return true;
  }

  synchronized boolean isBanned(String key) {
    Score e = entries.get(key);
    return e != null && e.bans > 0 && e.bannedUntilNanos - nanoClock.getAsLong() > 0;
  }

  /** Milliseconds of ban left for {@code key}, 0 if it is not banned. */
  synchronized long banRemainingMillis(String key) {
    if (!isBanned(key)) return 0;
    return (entries.get(key).bannedUntilNanos - nanoClock.getAsLong() + 999_999) / 1_000_000L;
  }

  synchronized int score(String key) {
    Score e = entries.get(key);
    if (e == null) return 0;
    recover(e);
    return e.score;
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
}
