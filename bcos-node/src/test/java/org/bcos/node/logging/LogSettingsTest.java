package org.bcos.node.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bcos.node.logging.LogSettings.Level;
import org.junit.jupiter.api.Test;

class LogSettingsTest {
  @Test
  void levelSpecSetsTheGlobalLevelAndLevelsByComponent() {
    LogSettings s = LogSettings.DEFAULT.withLevels("warn, p2p=debug,Consensus=INFO");
    assertEquals(Level.WARN, s.level());
    assertEquals(Map.of("p2p", Level.DEBUG, "consensus", Level.INFO), s.components());
    assertEquals("warn,consensus=info,p2p=debug", s.levelSpec());
    assertEquals(s, LogSettings.DEFAULT.withLevels(s.levelSpec()));
  }

  @Test
  void componentsAloneKeepTheGlobalLevel() {
    LogSettings s = LogSettings.DEFAULT.withLevels("chain=off");
    assertEquals(Level.INFO, s.level());
    assertEquals(Map.of("chain", Level.OFF), s.components());
    assertEquals("io.netty", LogSettings.loggerName("netty"));
    assertEquals("bcos.chain", LogSettings.loggerName("chain"));
  }

  @Test
  void unknownLevelIsNamedWithTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LogSettings.DEFAULT.withLevels("p2p=verbose"));
    assertEquals("unknown log level 'verbose' (one of [trace, debug, info, warn, error, off])",
        e.getMessage());
  }

  @Test
  void unknownComponentIsNamedWithTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LogSettings.DEFAULT.withLevels("ledgr=debug"));
    assertTrue(e.getMessage().startsWith("unknown log component 'ledgr' (one of [chain, "),
        e.getMessage());
  }

  @Test
  void twoGlobalLevelsOrAnEmptyItemAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> LogSettings.DEFAULT.withLevels("info,warn"));
    assertThrows(IllegalArgumentException.class, () -> LogSettings.DEFAULT.withLevels("info,"));
    assertThrows(IllegalArgumentException.class, () -> LogSettings.DEFAULT.withLevels(""));
  }

  @Test
  void formatIsTextOrJson() {
    assertEquals(LogSettings.Format.JSON, LogSettings.parseFormat(" JSON"));
    var e = assertThrows(IllegalArgumentException.class, () -> LogSettings.parseFormat("xml"));
    assertEquals("unknown log format 'xml' (text or json)", e.getMessage());
  }

  @Test
  void rotationLimitsAreChecked() {
    assertThrows(IllegalArgumentException.class,
        () -> LogSettings.DEFAULT.withRotation(LogSettings.MIN_FILE_BYTES - 1, 1, 1 << 20));
    assertThrows(IllegalArgumentException.class,
        () -> LogSettings.DEFAULT.withRotation(1 << 20, 0, 1 << 20));
    var e = assertThrows(IllegalArgumentException.class,
        () -> LogSettings.DEFAULT.withRotation(1 << 20, 1, (1 << 20) - 1));
    assertTrue(e.getMessage().contains("size cap"), e.getMessage());
    assertEquals(4096, LogSettings.DEFAULT.withRotation(4096, 1, 4096).maxFileBytes());
  }
}
