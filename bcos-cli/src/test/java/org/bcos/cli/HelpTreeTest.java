package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and subcommand in {@link BcosCli}'s tree answers {@code --help}, {@code -h} and
 * {@code bcos help PATH…} with exit 0 and its usage text; the tree is read from the command spec,
 * so a command added later is walked too.
 */
class HelpTreeTest {

  /** What one in-process run printed and how it exited. */
  private record Run(int exitCode, String out, String err) {}

  /** One tree for all runs: picocli resets options before each parse. */
  private static final CommandLine CLI = BcosCli.commandLine();

  /** Runs {@code args} as {@code bcos} does: on the command line built for them. */
  private static Run run(List<String> args) {
    CommandLine cl = BcosCli.commandLine(args.toArray(String[]::new));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** The path of every command below the root, parents before children. */
  private static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(CLI, List.of(), paths);
    return paths;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
    // getSubcommands() also maps aliases: walk each command once, under its own name
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      List<String> subPath = new ArrayList<>(path);
      subPath.add(sub.getCommandName());
      paths.add(subPath);
      collect(sub, subPath, paths);
    }
  }

  private static void assertUsage(List<String> path, Run run) {
    assertEquals(0, run.exitCode(), path + ": " + run.err());
    String command = String.join(" ", path);
    assertTrue(run.out().startsWith("Usage: bcos" + (command.isEmpty() ? "" : " " + command)),
        path + " printed: " + run.out());
    assertTrue(run.out().contains("-h, --help"), path + " usage lists -h, --help");
    assertEquals("", run.err(), path + " wrote to stderr");
  }

  @TestFactory
  List<DynamicTest> everyCommandAnswersHelpDashHAndHelpCommand() {
    List<List<String>> paths = commandPaths();
    assertTrue(paths.size() > 40, "the walk found only " + paths.size() + " commands");
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> path : paths) {
      tests.add(DynamicTest.dynamicTest(String.join(" ", path), () -> {
        for (String flag : List.of("--help", "-h")) {
          List<String> args = new ArrayList<>(path);
          args.add(flag);
          assertUsage(path, run(args));
        }
        List<String> viaHelp = new ArrayList<>(List.of("help"));
        viaHelp.addAll(path);
        Run help = run(viaHelp);
        assertUsage(path, help);
        List<String> dashH = new ArrayList<>(path);
        dashH.add("-h");
        assertEquals(run(dashH).out(), help.out(), "bcos help " + path + " differs from -h");
      }));
    }
    return tests;
  }

  @Test
  void rootAnswersHelpAndBareHelpCommand() {
    assertUsage(List.of(), run(List.of("--help")));
    assertUsage(List.of(), run(List.of("-h")));
    assertUsage(List.of(), run(List.of("help")));
  }

  /** The completion script is generated from the same tree: it knows nested commands. */
  @Test
  void completionScriptsCoverTheWholeTreeForBashAndZsh() {
    for (String shell : List.of("bash", "zsh")) {
      Run run = run(List.of("completion", shell));
      assertEquals(0, run.exitCode(), run.err());
      assertTrue(run.out().contains("complete -F _complete_bcos"), shell);
      assertTrue(run.out().contains("bashcompinit"), shell + ": zsh loads it via bashcompinit");
      for (String nested : List.of("_bcos_dvs_issue_create", "_bcos_key_delete",
          "_bcos_config_set")) {
        assertTrue(run.out().contains(nested), shell + " script lacks " + nested);
      }
    }
    Run fish = run(List.of("completion", "fish"));
    assertEquals(2, fish.exitCode());
    assertTrue(fish.err().contains("bash, zsh"), fish.err());
  }

  @Test
  void helpForAnUnknownCommandNamesItAndExitsWithUsageError() {
    Run run = run(List.of("help", "dvs", "nosuch"));
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("'nosuch' is not a command of `bcos dvs`"), run.err());
    assertTrue(run.err().contains("issue"), "lists dvs's commands: " + run.err());
  }
}
