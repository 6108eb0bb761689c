package org.bcos.cli;

import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.crypto.KeystoreException;
import org.bcos.crypto.MnemonicException;
import org.bcos.node.config.SecretFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code bcos} command. Its standard help options are inherited ({@code scope = INHERIT}), so
 * every command and subcommand answers {@code --help} and {@code -h}; {@code bcos help CMD [SUB…]}
 * prints the same usage text.
 */
@Command(name = "bcos", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
    version = "bcos 0.1.0",
    description = "BCOS: a blockchain operating system node (DDCoin + DVS)",
    subcommands = {NodeCommand.class, KeyCommand.class, SendCommand.class, SendManyCommand.class,
        SubmitCommand.class,
        QueryCommands.Balance.class, QueryCommands.Tx.class, QueryCommands.Block.class,
        QueryCommands.Status.class, QueryCommands.Params.class, QueryCommands.Supply.class,
        DvsCommand.class, StakeCommand.class,
        BenchCommand.class, TestnetCommand.class, NotaryCommand.class, HistoryCommand.class,
        DevCommand.class, WaitCommand.class, UpgradeCommand.class, GovCommand.class,
        ReleaseCommand.class,
        ConfigCommand.class,
        CompletionCommand.class,
        HelpCommand.class})
public final class BcosCli {
  private BcosCli() {}

  public static void main(String[] args) {
    // third-party logs (Netty, JDK) follow the node's one-line format: time level component: text
    System.setProperty("java.util.logging.SimpleFormatter.format",
        "%1$tFT%1$tT.%1$tLZ %4$-5s %3$s: %5$s%6$s%n");
    System.exit(run(args));
  }

  /** Runs the CLI; returns the exit code (0 ok, 1 error, 2 usage). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The whole command tree with its error handling, ready to execute (tests walk it). */
  static CommandLine commandLine() {
    return withErrorHandling(new CommandLine(new BcosCli()));
  }

  /** Only the branch {@code args} name (see {@link CommandTree}), with its error handling. */
  static CommandLine commandLine(String... args) {
    return withErrorHandling(CommandTree.forArgs(new BcosCli(), args));
  }

  private static CommandLine withErrorHandling(CommandLine cl) {
    HelpExamples.apply(cl);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      String reason = reason(ex);
      cmd.getErr().println("error: " + reason + ": " + message(ex));
      if (System.getenv("BCOS_DEBUG") != null) ex.printStackTrace(cmd.getErr());
      if (cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--json")) {
        var error = Output.object();
        error.putObject("error").put("reason", reason).put("message", message(ex));
        Output.json(System.out, error);
      }
      return 1;
    });
    return cl;
  }

  /**
   * The stable name of a failure. Expected failures carry their own; any other exception is a
   * bug or an unchecked input and still gets one line (the trace only with {@code BCOS_DEBUG}).
   */
  static String reason(Exception ex) {
    return switch (ex) {
      case CliException e -> e.reason();
      case RpcError e -> e.reason().isEmpty() ? "RPC_ERROR" : e.reason();
      case KeystoreException e -> e.reason().name();
      case SecretFile.SecretFileException e -> e.reason().name();
      case MnemonicException e -> "INVALID_MNEMONIC";
      case BcosClient.UnreachableException e -> "NODE_UNREACHABLE";
      case IllegalArgumentException e -> "INVALID_ARGUMENT";
      default -> "INTERNAL_ERROR";
    };
  }

  private static String message(Exception ex) {
    if (reason(ex).equals("INTERNAL_ERROR")) {
      return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": "
          + ex.getMessage()) + " (a bug: please report it; BCOS_DEBUG=1 shows the stack trace)";
    }
    return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
  }
}
