package org.bcos.ledger.spi;

import java.util.Objects;
import org.bcos.ledger.ParamSpec;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The rules of one protocol version the software ships: which ledger modules are active under it.
 * A message of an inactive module is refused by name ({@code MODULE_NOT_ACTIVE}) and an inactive
 * module's end-of-block work does not run. Which version governs a height is chain state (the
 * upgrade module's), so every node switches rules at the same block.
 *
 * @param version positive, unique in a {@link ProtocolVersions} table
 * @param name short lower-case name, for people and logs
 * @param modules names of the modules active under this version
 */
public record ProtocolRules(int version, String name, SortedSet<String> modules) {
  public ProtocolRules {
    Objects.requireNonNull(name, "name");
    if (version < 1) throw new IllegalArgumentException("protocol versions start at 1");
    if (!name.matches("[a-z0-9][a-z0-9.-]{0,31}")) {
      throw new IllegalArgumentException("protocol version names are short lower-case: " + name);
    }
    modules = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(modules));
  }

  /** Whether the module named {@code module} is active under these rules. */
  public boolean isActive(String module) {
    return modules.contains(module);
  }

  /**
   * The parameters in force under these rules: those of its active modules that exist from its
   * version on ({@link ParamSpec#sinceVersion}), in registration order.
   */
  public java.util.List<ParamSpec> params(ModuleRegistry registry) {
    return registry.modules().stream().filter(m -> isActive(m.name()))
        .flatMap(m -> m.params().stream()).filter(p -> p.sinceVersion() <= version).toList();
  }

  /** These rules with {@code more} modules active too, as version {@code next}. */
  public ProtocolRules plus(int next, String nextName, String... more) {
    TreeSet<String> all = new TreeSet<>(modules);
    all.addAll(java.util.List.of(more));
    return new ProtocolRules(next, nextName, all);
  }

  @Override
  public String toString() {
    return version + " (\"" + name + "\")";
  }
}
