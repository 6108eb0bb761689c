package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bcos node} refuses a bad {@code --max-protocol-version} or {@code --param} by name, writing nothing. */
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
  void aBadDevParamIsRefusedByNameBeforeAnythingIsWritten() {
    String[][] cases = {{"noSuchParam=1", "UNKNOWN_PARAM"},
        {"govVotingPeriodBlocks=0", "PARAM_OUT_OF_RANGE"},
        {"govVotingPeriodBlocks", "INVALID_ARGUMENT"}};
    for (String[] c : cases) {
      NodeCommand command = new NodeCommand();
      Path data = dir.resolve("param" + c[1]);
      new CommandLine(command).parseArgs("--dev", "--data", data.toString(), "--param", c[0]);
      CliException e = assertThrows(CliException.class, command::call);
      assertEquals(c[1], e.reason(), c[0]);
      assertTrue(Files.notExists(data), "nothing written for " + c[0]);
    }
  }

  @Test
  void paramWithoutDevIsRefused() {
    NodeCommand command = new NodeCommand();
    new CommandLine(command).parseArgs("--data", dir.toString(), "--param",
        "govVotingPeriodBlocks=30");
    CliException e = assertThrows(CliException.class, command::call);
    assertEquals("INVALID_ARGUMENT", e.reason());
    assertTrue(e.getMessage().contains("--param"), e.getMessage());
  }

  @Test
  void helpNamesTheOptionAndTheExitStatus() {
    String help = new CommandLine(new NodeCommand()).getUsageMessage();
    assertTrue(help.contains("--max-protocol-version=N"), help);
    assertTrue(help.contains("exit status 3"), help);
  }

  @Test
  void theSupervisorAsksTheChildAtItsBindAddressOrLoopbackWhenItBindsEvery() {
    assertEquals("http://127.0.0.1:8645", NodeCommand.rpcUrl("127.0.0.1", 8645));
    assertEquals("http://127.0.0.1:9000", NodeCommand.rpcUrl("0.0.0.0", 9000));
    assertEquals("http://127.0.0.1:9000", NodeCommand.rpcUrl("::", 9000));
    assertEquals("http://10.0.0.5:9000", NodeCommand.rpcUrl("10.0.0.5", 9000));
    assertEquals("http://[::1]:9000", NodeCommand.rpcUrl("::1", 9000));
  }
}
