package org.bcos.ledger.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Modules;
import org.junit.jupiter.api.Test;

/** The table of protocol versions the software ships, and the registry's checks of it. */
class ProtocolVersionsTest {
  private static ProtocolRules rules(int version, String... modules) {
    return new ProtocolRules(version, "v" + version, new TreeSet<>(List.of(modules)));
  }

  @Test
  void theChainShipsBaseWithoutTheNotaryAndTheDefaultVersionWithIt() {
    ProtocolVersions v = Modules.VERSIONS;
    assertEquals("1.." + v.latest().version(), v.describe());
    assertEquals(v.rules(5).orElseThrow().modules(), v.rules(6).orElseThrow().modules(),
        "dvs-indexes (6) is two index columns of the dvs module, no new module");
    assertEquals(List.of(6), Modules.STANDARD.modules().stream()
        .filter(m -> m.name().equals("dvs")).findFirst().orElseThrow().migratesAt());
    assertEquals(v.rules(4).orElseThrow().modules(), v.rules(5).orElseThrow().modules(),
        "batch-payments (5) is a message and a parameter of the coin module, no new module");
    assertTrue(v.rules(5).orElseThrow().params(Modules.STANDARD).stream()
        .anyMatch(p -> p.name().equals("maxMultiSendOutputs")));
    assertFalse(v.rules(4).orElseThrow().params(Modules.STANDARD).stream()
        .anyMatch(p -> p.name().equals("maxMultiSendOutputs")));
    assertTrue(v.rules(4).orElseThrow().isActive("gov"), "version 4 brings the gov module");
    assertFalse(v.rules(3).orElseThrow().isActive("gov"));
    assertFalse(v.rules(1).orElseThrow().isActive("notary"));
    assertTrue(v.rules(2).orElseThrow().isActive("notary"));
    assertEquals(v.rules(2).orElseThrow().modules(), v.rules(3).orElseThrow().modules(),
        "staking (3) is rules and parameters of the stake module, no new module");
    assertTrue(v.rules(3).orElseThrow().params(Modules.STANDARD).stream()
        .anyMatch(p -> p.name().equals("maxValidators")));
    assertFalse(v.rules(2).orElseThrow().params(Modules.STANDARD).stream()
        .anyMatch(p -> p.name().equals("maxValidators")));
    assertEquals(Genesis.DEFAULT_PROTOCOL_VERSION, v.defaultRules().version());
    for (ProtocolRules r : v.all()) {
      for (String always : List.of("params", "coin", "stake", "dvs", "upgrade")) {
        assertTrue(r.isActive(always), always + " in " + r);
      }
    }
    assertEquals(v, Modules.STANDARD.versions());
  }

  @Test
  void versionsAscendAndTheTableIsNotEmpty() {
    assertThrows(IllegalArgumentException.class,
        () -> new ProtocolVersions(List.of(rules(2, "a"), rules(1, "a"))));
    assertThrows(IllegalArgumentException.class,
        () -> new ProtocolVersions(List.of(rules(1, "a"), rules(1, "a"))));
    assertThrows(IllegalArgumentException.class, () -> new ProtocolVersions(List.of()));
    assertThrows(IllegalArgumentException.class, () -> rules(0, "a"));
    assertThrows(IllegalArgumentException.class,
        () -> new ProtocolRules(1, "Has Spaces", new TreeSet<>()));
  }

  @Test
  void lookupsAndDescriptions() {
    ProtocolVersions gaps = new ProtocolVersions(List.of(rules(1, "a"), rules(3, "a", "b")));
    assertTrue(gaps.supports(3));
    assertFalse(gaps.supports(2));
    assertTrue(gaps.rules(2).isEmpty());
    assertEquals("1, 3", gaps.describe());
    assertEquals(3, gaps.latest().version());
    assertEquals(3, gaps.defaultRules().version(), "no version 2: the newest");
    assertEquals("1", new ProtocolVersions(List.of(rules(1, "a"))).describe());
    assertEquals(rules(4, "a", "b", "c"), rules(1, "a", "b").plus(4, "v4", "c"));
  }

  @Test
  void everyVersionNamesRegisteredModulesAndEveryModuleIsActiveSomewhere() {
    ProtocolVersions v = new ProtocolVersions(List.of(rules(1, "a"), rules(2, "a", "b")));
    v.checkAgainst(Set.of("a", "b"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> v.checkAgainst(Set.of("a")));
    assertTrue(unknown.getMessage().contains("names module b"), unknown.getMessage());
    IllegalArgumentException dead = assertThrows(IllegalArgumentException.class,
        () -> v.checkAgainst(Set.of("a", "b", "c")));
    assertTrue(dead.getMessage().contains("module c is active in no protocol version"),
        dead.getMessage());
  }
}
