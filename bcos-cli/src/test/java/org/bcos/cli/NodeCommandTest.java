package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bcos node} refuses a bad {@code --max-protocol-version} by name, writing nothing. */
class NodeCommandTest {
  @TempDir Path dir;

  @Test
  void aVersionCapBelowOneIsRefusedBeforeAnythingIsWritten() throws Exception {
    for (String bad : new String[] {"0", "-3"}) {
      NodeCommand command = new NodeCommand();
      Path data = dir.resolve("data" + bad);
      new CommandLine(command).parseArgs("--dev", "--data", data.toString(),
          "--max-protocol-version", bad);
      CliException e = assertThrows(CliException.class, command::call);
      assertEquals("INVALID_ARGUMENT", e.reason());
      assertTrue(e.getMessage().contains("--max-protocol-version"), e.getMessage());
      assertTrue(Files.notExists(data), "nothing written for " + bad);
    }
  }

  @Test
  void helpNamesTheOptionAndTheExitStatus() {
    String help = new CommandLine(new NodeCommand()).getUsageMessage();
    assertTrue(help.contains("--max-protocol-version=N"), help);
    assertTrue(help.contains("exit status 3"), help);
  }
}
