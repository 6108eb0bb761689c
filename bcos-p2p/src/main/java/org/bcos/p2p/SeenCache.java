package org.bcos.p2p;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bcos.types.Hash;

/** A bounded set of recently seen hashes (oldest forgotten first). Thread-safe. */
public final class SeenCache {
  private final Map<Hash, Boolean> seen;

  public SeenCache(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.seen =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Records {@code hash}; true if it was not seen before. */
  public synchronized boolean add(Hash hash) {
    return seen.put(hash, Boolean.TRUE) == null;
  }

  public synchronized boolean contains(Hash hash) {
    return seen.containsKey(hash);
  }

  public synchronized int size() {
    return seen.size();
  }
}
