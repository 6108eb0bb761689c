package org.bcos.cli;

import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.crypto.KeystoreException;
import org.bcos.crypto.MnemonicException;
import org.bcos.node.config.SecretFile;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code bcos} command. */
@Command(name = "bcos", mixinStandardHelpOptions = true, version = "bcos 0.1.0",
    description = "BCOS: a blockchain operating system node (DDCoin + DVS)",
    subcommands = {NodeCommand.class, KeyCommand.class, SendCommand.class,
        QueryCommands.Balance.class, QueryCommands.Tx.class, QueryCommands.Block.class,
        QueryCommands.Status.class, QueryCommands.Params.class, DvsCommand.class,
        BenchCommand.class, TestnetCommand.class, NotaryCommand.class,
        HistoryCommand.class, DevCommand.class, WaitCommand.class})
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
    CommandLine cl = new CommandLine(new BcosCli());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      String reason = switch (ex) {
        case CliException e -> e.reason();
        case RpcError e -> e.reason();
        case KeystoreException e -> e.reason().name();
        case SecretFile.SecretFileException e -> e.reason().name();
        case MnemonicException e -> "INVALID_MNEMONIC";
        case BcosClient.UnreachableException e -> "NODE_UNREACHABLE";
        default -> null;
      };
      if (reason == null) throw ex;
      cmd.getErr().println("error: " + reason + ": " + ex.getMessage());
      if (cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--json")) {
        var error = Output.object();
        error.putObject("error").put("reason", reason).put("message", ex.getMessage());
        Output.json(System.out, error);
      }
      return 1;
    });
    return cl.execute(args);
  }
}
