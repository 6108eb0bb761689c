package org.bcos.ledger.spi;

import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every protocol version this software ships, with its rules. A node can run a height only if its version is in this table; a chain that
 * schedules a version the table lacks stops the node at that height (never runs it under other
 * rules).
 */
public final class ProtocolVersions {
  private final NavigableMap<Integer, ProtocolRules> byVersion = new TreeMap<>();

  /** The table of {@code versions} (ascending; gaps allowed). */
  public ProtocolVersions(List<ProtocolRules> versions) {
    for (ProtocolRules r : versions) {
      if (!byVersion.isEmpty() && r.version() <= byVersion.lastKey()) {
        throw new IllegalArgumentException("protocol versions must ascend: " + r);
      }
      byVersion.put(r.version(), r);
    }
    if (byVersion.isEmpty()) throw new IllegalArgumentException("no protocol version");
  }

  /**
   * The rules of {@link org.bcos.ledger.Genesis#DEFAULT_PROTOCOL_VERSION}, else the newest: what
   * tools and tests that run no chain history use.
   */
  public ProtocolRules defaultRules() {
    return rules(org.bcos.ledger.Genesis.DEFAULT_PROTOCOL_VERSION).orElse(latest());
  }

  /** The rules of {@code version}, if this software ships it. */
  public Optional<ProtocolRules> rules(int version) {
    return Optional.ofNullable(byVersion.get(version));
  }

  public boolean supports(int version) {
    return byVersion.containsKey(version);
  }

  /** The newest version this software ships. */
  public ProtocolRules latest() {
    return byVersion.lastEntry().getValue();
  }

  /**
   * The versions up to {@code maxVersion}: what a release that stops there ships.
   *
   * @throws IllegalArgumentException if none is at or below it
   */
  public ProtocolVersions upTo(int maxVersion) {
    if (maxVersion < byVersion.firstKey()) {
      throw new IllegalArgumentException("the highest protocol version must be at least "
          + byVersion.firstKey() + " (this software ships " + describe() + "), got " + maxVersion);
    }
    return new ProtocolVersions(List.copyOf(byVersion.headMap(maxVersion, true).values()));
  }

  /** Every version, ascending. */
  public List<ProtocolRules> all() {
    return List.copyOf(byVersion.values());
  }

  /** The versions shipped, for people: {@code 1..2}, or {@code 1, 3} when not contiguous. */
  public String describe() {
    int first = byVersion.firstKey();
    int last = byVersion.lastKey();
    if (last - first + 1 == byVersion.size()) {
      return first == last ? Integer.toString(first) : first + ".." + last;
    }
    return String.join(", ", byVersion.keySet().stream().map(String::valueOf).toList());
  }

  /**
   * Checks the table against the registered module names: every version names only registered
   * modules, and every registered module is active in some version (a module in none is dead).
   */
  void checkAgainst(Set<String> registered) {
    Set<String> used = new java.util.TreeSet<>();
    for (ProtocolRules r : byVersion.values()) {
      for (String m : r.modules()) {
        if (!registered.contains(m)) {
          throw new IllegalArgumentException("protocol version " + r + " names module " + m
              + ", which is not registered");
        }
        used.add(m);
      }
    }
    for (String m : registered) {
      if (!used.contains(m)) {
        throw new IllegalArgumentException("module " + m + " is active in no protocol version");
      }
    }
  }
}
