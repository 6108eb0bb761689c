package org.bcos.cli;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Builds the picocli model a command line needs (issue #10, fast start). picocli reads the
 * annotations of every command and option of the whole tree before it parses anything, which cost
 * about 0.4 s of each {@code bcos} call; a call names one top-level command, so only that branch is
 * built, and inside it only the named subcommand of each plain group ({@code key list} builds
 * {@code key} with {@code list} alone; {@code key --help} or {@code key lst} build all of
 * {@code key}). The whole tree is still built when the first argument names no command (root
 * help, {@code --version}, typing errors with suggestions), for picocli's own commands
 * ({@code help}, completion), and for any command with a {@code @Spec} or {@code @ParentCommand}
 * field, since it may look at its siblings.
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
    line.addSubcommand(branch(named.get(), args, 1));
    return line;
  }

  /**
   * The command {@code type}; when it is a plain group and {@code args[next]} names one of its
   * subcommands, the group holds only that one (its own branch built the same way).
   */
  private static CommandLine branch(Class<?> type, String[] args, int next) {
    Command group = type.getAnnotation(Command.class);
    Optional<Class<?>> named = next < args.length && isPlainGroup(type)
        ? subcommandNamed(group, args[next]) : Optional.empty();
    if (named.isEmpty() || mayInspectTree(named.get())) return new CommandLine(type);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(newInstance(type)).name(group.name())
        .aliases(group.aliases());
    spec.usageMessage().description(group.description());
    CommandLine line = new CommandLine(spec);
    line.addSubcommand(branch(named.get(), args, next + 1));
    return line;
  }

  /** The {@code @Command} attributes a wrapped group keeps; any other set means inspect it. */
  private static final Set<String> GROUP_ATTRIBUTES =
      Set.of("name", "aliases", "description", "subcommands");

  /**
   * A group that only names its subcommands: nothing runs, no option, parameter or mixin, and no
   * {@code @Command} attribute besides {@link #GROUP_ATTRIBUTES}, so wrapping it loses nothing.
   */
  static boolean isPlainGroup(Class<?> type) {
    Command command = type.getAnnotation(Command.class);
    if (command == null || command.subcommands().length == 0
        || Runnable.class.isAssignableFrom(type) || Callable.class.isAssignableFrom(type)) {
      return false;
    }
    for (Method attribute : Command.class.getDeclaredMethods()) {
      if (!GROUP_ATTRIBUTES.contains(attribute.getName())
          && !Objects.deepEquals(value(attribute, command), attribute.getDefaultValue())) {
        return false;
      }
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (hasPicocliAnnotation(c.getDeclaredFields()) || hasPicocliAnnotation(c.getDeclaredMethods())) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasPicocliAnnotation(AccessibleObject[] members) {
    for (AccessibleObject member : members) {
      for (var annotation : member.getAnnotations()) {
        if (annotation.annotationType().getPackageName().equals("picocli")) return true;
      }
    }
    return false;
  }

  private static Object value(Method attribute, Command command) {
    try {
      return attribute.invoke(command);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("picocli @Command." + attribute.getName(), e);
    }
  }

  private static Object newInstance(Class<?> type) {
    try {
      return CommandLine.defaultFactory().create(type);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make " + type.getName(), e);
    }
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
