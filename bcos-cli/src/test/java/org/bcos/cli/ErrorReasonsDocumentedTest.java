package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bcos.crypto.KeystoreException;
import org.bcos.ledger.Modules;
import org.bcos.node.config.SecretFile;
import org.bcos.types.tx.Rejection;
import org.junit.jupiter.api.Test;

/**
 * Every reason the CLI or the node can put in front of a user is documented (README.md or
 * docs/RPC.md), so a script author can look up each name: the reasons of every
 * {@code CliException}, {@code RpcException} and {@code RpcError} written in the main sources, the
 * reasons {@code BcosCli} gives other exceptions, every key-file reason and every transaction
 * rejection of the standard modules.
 */
class ErrorReasonsDocumentedTest {
  private static final Path ROOT = Path.of("..");
  /** A reason written as the literal first (CliException) or second (RpcException, RpcError) arg. */
  private static final Pattern CLI_REASON =
      Pattern.compile("new CliException\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
  private static final Pattern RPC_REASON =
      Pattern.compile("new Rpc(?:Exception|Error)\\(\\s*[^,()\"]+,\\s*\"([A-Z][A-Z0-9_]+)\"");
  private static final Pattern ANY_CLI_EXCEPTION = Pattern.compile("new CliException\\(\\s*(\\S)");

  @Test
  void everyReasonTheCliOrNodeCanProduceIsDocumented() throws IOException {
    Set<String> reasons = new TreeSet<>();
    for (Path source : mainSources()) {
      String text = Files.readString(source, StandardCharsets.UTF_8);
      collect(CLI_REASON.matcher(text), reasons);
      collect(RPC_REASON.matcher(text), reasons);
    }
    reasons.addAll(List.of("INVALID_MNEMONIC", "NODE_UNREACHABLE", "INVALID_ARGUMENT",
        "INTERNAL_ERROR", "RPC_ERROR"));
    for (KeystoreException.Reason r : KeystoreException.Reason.values()) reasons.add(r.name());
    for (SecretFile.SecretFileException.Reason r : SecretFile.SecretFileException.Reason.values()) {
      reasons.add(r.name());
    }
    for (Rejection r : Modules.STANDARD.rejections()) reasons.add(r.name());
    assertTrue(reasons.size() > 100, "collected only " + reasons);

    String docs = Files.readString(ROOT.resolve("README.md")) + Files.readString(
        ROOT.resolve("docs/RPC.md"));
    List<String> missing = reasons.stream()
        .filter(r -> !docs.contains("`" + (r.endsWith("_") ? r : r + "`"))).toList();
    // a reason ending in _ is a prefix (HTTP_ + status), documented as `HTTP_<status>`
    assertEquals(List.of(), missing, "reasons not documented (as `NAME`) in README.md or "
        + "docs/RPC.md");
  }

  /**
   * A reason passed as a variable could hide from the scan above: every one is a literal (only
   * CliException itself copies a reason it was given).
   */
  @Test
  void everyCliExceptionNamesItsReasonLiterally() throws IOException {
    List<String> computed = new ArrayList<>();
    for (Path source : mainSources()) {
      if (source.endsWith("CliException.java")) continue;
      Matcher m = ANY_CLI_EXCEPTION.matcher(Files.readString(source, StandardCharsets.UTF_8));
      while (m.find()) if (!m.group(1).equals("\"")) computed.add(source.getFileName().toString());
    }
    assertEquals(List.of(), computed);
  }

  private static void collect(Matcher m, Set<String> into) {
    while (m.find()) into.add(m.group(1));
  }

  private static List<Path> mainSources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String module : List.of("bcos-cli", "bcos-client", "bcos-node", "bcos-ledger")) {
      try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
    }
    assertTrue(sources.size() > 100, "found only " + sources.size() + " sources");
    return sources;
  }
}
