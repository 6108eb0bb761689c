package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class CommandTreeTest {
  /** The real {@code bcos} root, made as picocli makes it (its constructor is private). */
  private static Object root() {
    try {
      return CommandLine.defaultFactory().create(BcosCli.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void eachTopLevelCommandAloneHasTheUsageAndSubcommandsItHasInTheWholeTree() {
    Map<String, CommandLine> whole = new CommandLine(root()).getSubcommands();
    for (var entry : whole.entrySet()) {
      CommandLine lazy = CommandTree.forArgs(root(), entry.getKey(), "--help");
      if (CommandTree.mayInspectTree(entry.getValue().getCommand().getClass())) {
        // help and completion read the model: they get the whole tree
        assertEquals(whole.keySet(), lazy.getSubcommands().keySet(), entry.getKey());
        continue;
      }
      assertEquals(List.of(entry.getKey()), List.copyOf(lazy.getSubcommands().keySet()));
      CommandLine branch = lazy.getSubcommands().get(entry.getKey());
      assertEquals(entry.getValue().getUsageMessage(), branch.getUsageMessage(), entry.getKey());
      assertEquals(entry.getValue().getSubcommands().keySet(), branch.getSubcommands().keySet());
    }
  }

  @Test
  void rootKeepsItsNameVersionAndHelpOptions() {
    CommandLine lazy = CommandTree.forArgs(root(), "status");
    assertEquals("bcos", lazy.getCommandName());
    assertEquals(new CommandLine(root()).getCommandSpec().version()[0],
        lazy.getCommandSpec().version()[0]);
    assertTrue(lazy.getCommandSpec().optionsMap().containsKey("--help"));
    assertTrue(lazy.getCommandSpec().optionsMap().containsKey("--version"));
  }

  @Test
  void noCommandOrAnUnknownOneGetsTheWholeTree() {
    int all = new CommandLine(root()).getSubcommands().size();
    assertEquals(all, CommandTree.forArgs(root()).getSubcommands().size());
    assertEquals(all, CommandTree.forArgs(root(), "--version").getSubcommands().size());
    assertEquals(all, CommandTree.forArgs(root(), "stauts").getSubcommands().size());
  }

  @Command(name = "plain")
  static final class Plain implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "inspecting", aliases = "insp")
  static final class Inspecting implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {}
  }

  @Command(name = "root", subcommands = {Plain.class, Inspecting.class, CommandLine.HelpCommand.class})
  static final class Root {}

  @Test
  void commandsThatMaySeeTheModelOrArePicocliOwnGetTheWholeTree() {
    var whole = new CommandLine(new Root()).getSubcommands().keySet();  // names and aliases
    assertEquals(List.of("plain"),
        List.copyOf(CommandTree.forArgs(new Root(), "plain").getSubcommands().keySet()));
    assertEquals(whole, CommandTree.forArgs(new Root(), "inspecting").getSubcommands().keySet());
    assertEquals(whole, CommandTree.forArgs(new Root(), "insp").getSubcommands().keySet());
    assertEquals(whole, CommandTree.forArgs(new Root(), "help", "plain").getSubcommands().keySet());
    assertFalse(CommandTree.mayInspectTree(Plain.class));
  }
}
