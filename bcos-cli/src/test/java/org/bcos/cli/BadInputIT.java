package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.types.Address;
import org.bcos.types.Bech32m;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of bad inputs, each run as a user runs {@code bcos} (a separate JVM, no terminal): each
 * exits 1 and prints exactly one line {@code error: REASON: …} naming what is wrong, and never a
 * stack trace. No node is needed: every row fails before or at the first contact with one (the
 * unreachable rows point at a port nothing listens on).
 */
class BadInputIT {
  @TempDir static Path root;
  private static CliProcess cli;
  private static String deadNode;
  private static final String ADDRESS = Address.wrap(new byte[32]).toString();

  /** One row: the arguments, the reason expected, and words the sentence must contain. */
  private record Row(String reason, String mustSay, String... args) {}

  @BeforeAll
  static void setUp() throws Exception {
    Path home = Files.createDirectories(root.resolve("home"));
    cli = new CliProcess(home, Files.createDirectories(root.resolve("out")));
    try (ServerSocket free = new ServerSocket(0)) {
      deadNode = "http://127.0.0.1:" + free.getLocalPort();
    }
    Files.writeString(root.resolve("broken.json"), "{\"rpcPort\": 1,,}");
  }

  private static List<Row> rows() {
    String cosmos = Bech32m.encode("cosmos", new byte[20]);
    return List.of(
        new Row("INVALID_RPC_URL", "no http:// or https:// scheme; write e.g. "
            + "http://127.0.0.1:19645", "status", "--rpc", "127.0.0.1:19645"),
        new Row("INVALID_RPC_URL", "names no host", "status", "--rpc", "http:///rpc"),
        new Row("NODE_UNREACHABLE", "connection refused", "status", "--rpc", deadNode),
        new Row("INVALID_AMOUNT", "--amount: exponents are not amounts", "send", "--from", "dev",
            "--to", ADDRESS, "--amount", "1e3"),
        new Row("INVALID_AMOUNT", "--fee: not a DDC amount: '+1'", "send", "--from", "dev",
            "--to", ADDRESS, "--amount", "1", "--fee", "+1"),
        new Row("INVALID_AMOUNT", "at most 8 decimals", "send", "--from", "dev", "--to", ADDRESS,
            "--amount", "0.000000001"),
        // a valid upper-case address is an address: it gets as far as the (absent) node
        new Row("NODE_UNREACHABLE", "connection refused", "balance", ADDRESS.toUpperCase(),
            "--rpc", deadNode),
        new Row("WRONG_CHAIN_ADDRESS", "another chain (prefix 'cosmos')", "balance", cosmos),
        new Row("WRONG_CHAIN_ADDRESS", "prefix '0x'", "balance",
            "0x" + "ab".repeat(20)),
        new Row("INVALID_ADDRESS", "checksum mismatch", "balance",
            ADDRESS.substring(0, ADDRESS.length() - 1) + "q"),
        new Row("INVALID_ADDRESS", "nor a key name", "balance", "Alice"),
        new Row("KEY_NOT_FOUND", "neither a dd1… address nor a key", "balance", "alice"),
        new Row("INVALID_BLOCK", "heights start at 0", "block", "-1", "--rpc", deadNode),
        new Row("INVALID_BLOCK", "a block hash (64 hex digits)", "block", "0xzz"),
        new Row("INVALID_HASH", "not a transaction hash", "tx", "abc"),
        new Row("INVALID_HASH", "not a transaction hash", "wait", "--tx", "abc"),
        new Row("INVALID_MNEMONIC", "", "key", "import", "--name", "x", "--mnemonic", "foo bar"),
        new Row("INVALID_CONFIG", "config file not found: ", "node", "--config",
            root.resolve("missing.json").toString()),
        new Row("INVALID_CONFIG", "is not valid JSON: ", "node", "--config",
            root.resolve("broken.json").toString()),
        // log options are checked before the node opens its data (the dir stays absent)
        new Row("INVALID_ARGUMENT", "unknown log level 'loud' (one of [trace, debug, info, warn, "
            + "error, off])", "node", "--dev", "--data", root.resolve("never").toString(),
            "--log-level", "p2p=loud"),
        new Row("INVALID_ARGUMENT", "unknown log component 'ledgr' (one of [chain, consensus, ",
            "node", "--dev", "--data", root.resolve("never").toString(), "--log-level",
            "info,ledgr=debug"),
        new Row("INVALID_ARGUMENT", "unknown log format 'xml' (text or json)", "node", "--dev",
            "--data", root.resolve("never").toString(), "--log-format", "xml"));
  }

  @TestFactory
  List<DynamicTest> eachBadInputGetsOneNamedLineAndNoStackTrace() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : rows()) {
      tests.add(DynamicTest.dynamicTest(String.join(" ", row.args()), () -> {
        CliProcess.Run run = cli.run(row.args());
        String err = run.stderr().strip();
        assertEquals(1, run.exitCode(), err);
        assertFalse(err.contains("\n"), "one line only: " + err);
        assertTrue(err.startsWith("error: " + row.reason() + ": "), err);
        assertTrue(err.contains(row.mustSay()), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no trace: " + err);
        assertFalse(run.stdout().contains("Exception"), run.stdout());
        assertFalse(Files.exists(root.resolve("never")), "a refused node creates no data");
      }));
    }
    return tests;
  }
}
