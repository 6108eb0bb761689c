package org.bcos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Examples at the end of a command's {@code --help}, by command path. Kept in one table so the
 * commands' own files stay about what they do; {@link #apply} adds them to whichever part of the
 * tree a run built ({@link CommandTree}), and HelpExamplesTest checks every path still names a
 * command.
 */
final class HelpExamples {
  /** Longest example line: picocli wraps usage text at 80 columns, examples are indented 2. */
  static final int MAX_LINE_CHARS = 78;

  /** Each command's examples: command lines, and # lines saying what the next one does. */
  static final Map<String, List<String>> EXAMPLES = Map.of(
      "release pack", List.of(
          "bcos release pack --out dist   # dist/bcos-VERSION.tar.gz, its sha256, size",
          "bcos release pack --json       # path, sha256, bytes, protocolVersions"),
      "send-many", List.of(
          "bcos send-many --from dev --to alice=10 --to bob=2.5 --memo payroll",
          "# payments.csv: one 'recipient,amount' line each, amounts in DDC",
          "bcos send-many --from dev --file payments.csv",
          "bcos send-many --from dev --to alice=10 --dry-run   # checked, not sent"),
      "testnet add-node", List.of(
          "bcos testnet add-node --dir /tmp/tn   # prints the new validator key",
          "bcos testnet add-node --dir /tmp/tn --rpc-port 8660 --p2p-port 26710",
          "bcos testnet start --dir /tmp/tn --node 5   # then: bcos testnet key"),
      "testnet key", List.of(
          "bcos testnet key --dir /tmp/tn --node 5   # key 'validator5'",
          "bcos stake validator create --from validator5 --moniker node5 \\",
          "    --consensus-key validator5 --commission 5% --self-bond 1000000DDC"),
      "node", List.of(
          "bcos node --dev                    # a one-node development chain",
          "bcos node --config node.json       # a node of a network (docs/NETWORK.md)",
          "# the same, switching to the voted release at an upgrade:",
          "bcos node --supervise --config node.json",
          "bcos node --new-validator-key /srv/bcos/validator.key   # prints dd1…"));

  private HelpExamples() {}

  /** Puts the examples into the usage text of each command of {@code root} that has some. */
  static void apply(CommandLine root) {
    apply(root, "");
  }

  private static void apply(CommandLine line, String path) {
    List<String> examples = EXAMPLES.get(path);
    if (examples != null) {
      List<String> footer = new ArrayList<>();
      // usage text is a format string: a literal % is %%
      examples.forEach(e -> footer.add("  " + e.replace("%", "%%")));
      line.getCommandSpec().usageMessage().footerHeading("%nExamples:%n")
          .footer(footer.toArray(String[]::new));
    }
    for (CommandLine sub : line.getSubcommands().values()) {
      String name = sub.getCommandName();
      apply(sub, path.isEmpty() ? name : path + " " + name);
    }
  }
}
