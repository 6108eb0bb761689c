package org.bcos.node.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.bcos.ledger.UpgradeRequired;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeRequiredFileTest {
  @TempDir Path data;

  @Test
  void aStopIsWrittenReadBackAndCleared() throws IOException {
    assertEquals(Optional.empty(), UpgradeRequiredFile.read(data));
    Hash release = Hash.fromHex("ab".repeat(32));
    UpgradePlan plan = new UpgradePlan("staking", 3, release, 10, 0);
    UpgradeRequiredFile.write(data, new UpgradeRequired(10, 3, Optional.of(plan), "1..2"));
    assertEquals(Optional.of(new UpgradeRequiredFile.Stop(10, 3, Optional.of("staking"),
        Optional.of(release))), UpgradeRequiredFile.read(data));
    UpgradeRequiredFile.write(data, new UpgradeRequired(0, 5, Optional.empty(), "1..4"));
    assertEquals(Optional.of(new UpgradeRequiredFile.Stop(0, 5, Optional.empty(),
        Optional.empty())), UpgradeRequiredFile.read(data));
    try (var files = Files.list(data)) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
    UpgradeRequiredFile.clear(data);
    assertEquals(Optional.empty(), UpgradeRequiredFile.read(data));
  }

  @Test
  void aFileThatIsNotAStopIsRefused() throws IOException {
    Path file = data.resolve(UpgradeRequiredFile.NAME);
    Files.writeString(file, "{\"height\": 3}");
    assertThrows(IOException.class, () -> UpgradeRequiredFile.read(data));
    Files.writeString(file, "{\"height\": 3, \"version\": 3, \"release\": \"zz\"}");
    assertThrows(IOException.class, () -> UpgradeRequiredFile.read(data));
    Files.writeString(file, "x".repeat(5000));
    assertThrows(IOException.class, () -> UpgradeRequiredFile.read(data));
  }
}
