package org.bcos.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * The training run behind the CLI's start-up cache: {@code ./bcos build} runs this class once with
 * {@code -XX:AOTCacheOutput} (JDK 25 AOT cache, JEP 483/514/515) so that the classes the short
 * commands load, and the method profiles they make, are stored next to the jar and reused by every
 * later {@code bcos} call. It runs the typical short commands in one JVM, none of which needs a
 * node: the launcher gives it a throw-away {@code $BCOS_HOME}, a passphrase in
 * {@code $BCOS_PASSPHRASE} and an RPC URL nobody listens on, so each query fails fast after
 * loading the client, JSON and address code a real query loads. Not for users; not a test.
 */
public final class AotTraining {
  private AotTraining() {}

  /** The command lines the cache is trained on, in order (a key is made before it is listed). */
  static final List<String[]> COMMANDS = List.of(
      new String[] {"--help"},
      new String[] {"--version"},
      new String[] {"key", "--help"},
      new String[] {"key", "new", "--name", "training"},
      new String[] {"key", "list"},
      new String[] {"key", "list", "--json"},
      new String[] {"key", "show", "training"},
      new String[] {"status"},
      new String[] {"status", "--json"},
      new String[] {"balance", "training"},
      new String[] {"block"},
      new String[] {"block", "1", "--json"},
      new String[] {"tx", "00".repeat(32)},
      new String[] {"params"},
      new String[] {"send", "--from", "training", "--to", "training", "--amount", "1.5"},
      new String[] {"dvs", "--help"},
      new String[] {"notary", "--help"});

  /** Runs every training command with its output discarded; prints how many ran. */
  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    int ran = 0;
    try {
      System.setOut(discard);
      System.setErr(discard);
      for (String[] command : COMMANDS) {
        BcosCli.run(command);
        ran++;
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    out.println("aot training: ran " + ran + " commands");
    // the HTTP client's threads must not keep the JVM (and so the cache dump) waiting
    System.exit(0);
  }
}
