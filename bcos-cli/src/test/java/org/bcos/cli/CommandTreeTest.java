package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

  @Test
  void eachCommandInsideAPlainGroupAloneHasTheUsageItHasInTheWholeTree() {
    int checked = checkGroupsUnder(new CommandLine(root()), new ArrayList<>());
    assertTrue(checked > 30, checked + " commands inside plain groups");
  }

  /** Checks every path below {@code whole} that passes a plain group; returns how many. */
  private static int checkGroupsUnder(CommandLine whole, List<String> path) {
    int checked = 0;
    for (var entry : whole.getSubcommands().entrySet()) {
      if (!entry.getKey().equals(entry.getValue().getCommandName())) continue;  // an alias
      List<String> sub = new ArrayList<>(path);
      sub.add(entry.getKey());
      boolean plain = !path.isEmpty()
          && CommandTree.isPlainGroup(whole.getCommand().getClass());
      if (plain) {
        checked++;
        List<String> args = new ArrayList<>(sub);
        args.add("--help");
        CommandLine lazy = CommandTree.forArgs(root(), args.toArray(String[]::new));
        for (String name : path) lazy = lazy.getSubcommands().get(name);
        assertEquals(List.of(entry.getKey()), List.copyOf(lazy.getSubcommands().keySet()), sub
            .toString());
        CommandLine alone = lazy.getSubcommands().get(entry.getKey());
        assertEquals(entry.getValue().getUsageMessage(), alone.getUsageMessage(), sub.toString());
        assertEquals(entry.getValue().getSubcommands().keySet(), alone.getSubcommands().keySet());
      }
      checked += checkGroupsUnder(entry.getValue(), sub);
    }
    return checked;
  }

  @Command(name = "headed", header = "a header", subcommands = Plain.class)
  static final class HeadedGroup {}

  @Command(name = "optioned", subcommands = Plain.class)
  static final class OptionedGroup {
    @CommandLine.Option(names = "--x") boolean x;
  }

  @Test
  void onlyGroupsThatNameSubcommandsAloneAreWrapped() {
    assertTrue(CommandTree.isPlainGroup(KeyCommand.class));
    assertTrue(CommandTree.isPlainGroup(DvsCommand.IssueGroup.class));
    assertFalse(CommandTree.isPlainGroup(HeadedGroup.class), "another @Command attribute");
    assertFalse(CommandTree.isPlainGroup(OptionedGroup.class), "an option");
    assertFalse(CommandTree.isPlainGroup(Plain.class), "runs: not a group");
    assertFalse(CommandTree.isPlainGroup(BcosCli.class), "standard help options");
  }
}
