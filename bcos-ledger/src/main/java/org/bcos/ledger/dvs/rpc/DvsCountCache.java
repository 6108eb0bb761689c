package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The last answers of a counting method, by key (issue and height, and any options): a count
 * costs O(members) and blocks come each second, while a page or a follower asks again and again.
 * Bounded (least recently used goes first); answers are copied in and out, never shared.
 */
final class DvsCountCache {
  /** Answers kept per method. */
  static final int ENTRIES = 64;
  private final Map<String, ObjectNode> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
      return size() > ENTRIES;
    }
  };

  /** The cached answer for {@code key}, if any. */
  Optional<ObjectNode> cached(String key) {
    synchronized (answers) {
      ObjectNode cached = answers.get(key);
      return cached == null ? Optional.empty() : Optional.of(cached.deepCopy());
    }
  }

  /** The cached answer for {@code key}, or {@code count}'s (then cached). */
  ObjectNode get(String key, Supplier<ObjectNode> count) {
    synchronized (answers) {
      ObjectNode cached = answers.get(key);
      if (cached != null) return cached.deepCopy();
    }
    ObjectNode answer = count.get();
    synchronized (answers) {
      answers.put(key, answer.deepCopy());
    }
    return answer;
  }
}
