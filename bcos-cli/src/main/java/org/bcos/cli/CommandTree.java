package org.bcos.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Builds the picocli model a command line needs (issue #10, fast start). picocli reads the
 * annotations of every command and option of the whole tree before it parses anything, which cost
 * about 0.4 s of each {@code bcos} call; a call names one top-level command, so only that branch is
 * built. The whole tree is still built when the first argument names no command (root help,
 * {@code --version}, typing errors with suggestions), for picocli's own commands ({@code help},
 * completion), and for any command with a {@code @Spec} or {@code @ParentCommand} field, since it
 * may look at its siblings.
 */
final class CommandTree {
  private CommandTree() {}

  /** The command line for {@code args} with {@code root} (an annotated {@code @Command}) on top. */
  static CommandLine forArgs(Object root, String... args) {
    Command top = root.getClass().getAnnotation(Command.class);
    Optional<Class<?>> named = args.length == 0 ? Optional.empty() : subcommandNamed(top, args[0]);
    if (named.isEmpty() || mayInspectTree(named.get())) return new CommandLine(root);
    // the root's scope first: its help options are inherited by every subcommand (--help, -h)
    CommandSpec spec = CommandSpec.wrapWithoutInspection(root).name(top.name())
        .version(top.version()).scopeType(top.scope())
        .mixinStandardHelpOptions(top.mixinStandardHelpOptions());
    spec.usageMessage().description(top.description());
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(new CommandLine(named.get()));
    return line;
  }

  /** The subcommand class of {@code top} whose name or an alias is {@code name}, if any. */
  static Optional<Class<?>> subcommandNamed(Command top, String name) {
    return Arrays.stream(top.subcommands()).filter(c -> answersTo(c, name)).findFirst();
  }

  private static boolean answersTo(Class<?> command, String name) {
    Command c = command.getAnnotation(Command.class);
    return c != null && (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name));
  }

  /** picocli's own commands and commands that are handed the model may look past their branch. */
  static boolean mayInspectTree(Class<?> command) {
    if (command.getPackageName().startsWith("picocli")) return true;
    for (Class<?> c = command; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(Spec.class) || f.isAnnotationPresent(ParentCommand.class)) {
          return true;
        }
      }
    }
    return false;
  }
}
