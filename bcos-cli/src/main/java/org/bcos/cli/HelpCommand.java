package org.bcos.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bcos help [COMMAND [SUBCOMMAND…]]}: the usage text of any command in the tree, the same
 * as {@code bcos COMMAND SUBCOMMAND --help}. picocli's own help command looks one level down only;
 * this one follows the whole path, and names the first word that is not a command.
 */
@Command(name = "help", helpCommand = true,
    description = "Show the usage of a command: bcos help [COMMAND [SUBCOMMAND...]]")
final class HelpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command path, e.g. "
      + "`dvs issue create`")
  List<String> path = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine target = spec.parent().commandLine();
    StringBuilder walked = new StringBuilder(target.getCommandName());
    for (String name : path) {
      CommandLine next = target.getSubcommands().get(name);
      if (next == null) {
        throw new ParameterException(spec.commandLine(), "'" + name + "' is not a command of `"
            + walked + "`; its commands: " + String.join(", ", target.getSubcommands().keySet()));
      }
      walked.append(' ').append(name);
      target = next;
    }
    target.usage(spec.commandLine().getOut());
    return 0;
  }
}
