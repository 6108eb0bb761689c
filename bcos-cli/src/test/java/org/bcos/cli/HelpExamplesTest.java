package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The commands of issue #11 (and any other {@link HelpExamples} lists) end their --help with
 * examples, printed as written (a % stays a %), both when the run builds only their branch and in
 * the whole tree that {@code bcos help} walks.
 */
class HelpExamplesTest {
  private static final List<String> NEW_COMMANDS = List.of("release pack", "send-many",
      "testnet add-node", "testnet key", "node");

  @Test
  void everyNewCommandHasExamples() {
    for (String path : NEW_COMMANDS) {
      assertTrue(HelpExamples.EXAMPLES.containsKey(path), path + " has no examples");
    }
    for (List<String> lines : HelpExamples.EXAMPLES.values()) {
      for (String line : lines) {
        assertTrue(line.length() <= HelpExamples.MAX_LINE_CHARS, "wraps: " + line);
      }
    }
    assertTrue(HelpExamples.EXAMPLES.get("node").stream().anyMatch(e -> e.contains(
        "--supervise")), "node's examples show --supervise");
  }

  @Test
  void helpEndsWithTheExamplesAsWritten() {
    for (Map.Entry<String, List<String>> e : HelpExamples.EXAMPLES.entrySet()) {
      List<String> args = new ArrayList<>(List.of(e.getKey().split(" ")));
      args.add("--help");
      String out = NotaryCommandTest.captured(() -> assertEquals(0,
          BcosCli.run(args.toArray(String[]::new))));
      assertTrue(out.startsWith("Usage: bcos " + e.getKey()), out);
      String examples = out.substring(out.indexOf("\nExamples:\n"));
      for (String example : e.getValue()) {
        assertTrue(examples.contains("\n  " + example + "\n"), e.getKey() + " lacks " + example
            + " in:\n" + out);
      }
    }
  }

  @Test
  void everyPathNamesACommandOfTheWholeTree() {
    CommandLine root = BcosCli.commandLine();
    for (String path : HelpExamples.EXAMPLES.keySet()) {
      CommandLine line = root;
      for (String name : path.split(" ")) {
        line = line.getSubcommands().get(name);
        assertNotNull(line, "'" + path + "' is no command");
      }
      String usage = line.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(usage.contains("Examples:"), path + ": " + usage);
    }
  }
}
