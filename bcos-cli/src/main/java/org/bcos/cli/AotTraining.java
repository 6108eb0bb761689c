package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bcos.client.JsonTree;

/**
 * The training run behind the CLI's start-up cache: {@code ./bcos build} runs this class once with
 * {@code -XX:AOTCacheOutput} (JDK 25 AOT cache, JEP 483/514/515) so that the classes the short
 * commands load, and the method profiles they make, are stored next to the jar and reused by every
 * later {@code bcos} call. It runs the typical short commands in one JVM. The launcher gives it a
 * throw-away {@code $BCOS_HOME}, a passphrase in {@code $BCOS_PASSPHRASE} and an RPC URL nobody
 * listens on (the failure path); the queries and a send also run against {@link RecordedNode},
 * which answers with replies recorded from a dev node, so that reading a reply and printing it
 * are trained too. Not for users; not a test.
 */
public final class AotTraining {
  private AotTraining() {}

  /** The command lines that need no node, in order (a key is made before it is listed). */
  static final List<String[]> LOCAL_COMMANDS = List.of(
      new String[] {"--help"},
      new String[] {"--version"},
      new String[] {"key", "--help"},
      new String[] {"key", "new", "--name", "training"},
      new String[] {"key", "list"},
      new String[] {"key", "list", "--json"},
      new String[] {"key", "show", "training"},
      new String[] {"status"},  // $BCOS_RPC: nobody listens (NODE_UNREACHABLE)
      new String[] {"dvs", "--help"},
      new String[] {"notary", "--help"});

  /** The command lines run against the recorded node (its URL is added). */
  static final List<String[]> QUERY_COMMANDS = List.of(
      new String[] {"status"},
      new String[] {"status", "--json"},
      new String[] {"balance", "training"},
      new String[] {"block"},
      new String[] {"block", "--full"},
      new String[] {"block", "1", "--json"},
      new String[] {"tx", "00".repeat(32)},
      new String[] {"params"},
      new String[] {"send", "--from", "training", "--to",
          "dd1t9x3qqadc2828m59kptdq3vujj3nq39fprfcxeqdty9xaqg63fgsersf59", "--amount", "1.5",
          "--timeout", "5"});

  /** Runs every training command with its output discarded; prints how many ran. */
  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    PrintStream err = System.err;
    List<String[]> commands = new ArrayList<>(LOCAL_COMMANDS);
    List<String> failed = new ArrayList<>();
    int ran = 0;
    try (RecordedNode node = RecordedNode.start()) {
      for (String[] query : QUERY_COMMANDS) commands.add(withRpc(query, node.url()));
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
      for (String[] command : commands) {
        if (BcosCli.run(command) != 0) failed.add(String.join(" ", command));
        ran++;
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    // only the unreachable-node status is meant to fail; the list shows in the launcher's log
    out.println("aot training: ran " + ran + " commands; exit code not 0: " + failed);
    System.exit(0);
  }

  private static String[] withRpc(String[] command, String url) {
    List<String> line = new ArrayList<>(List.of(command));
    line.add("--rpc");
    line.add(url);
    return line.toArray(String[]::new);
  }

  /**
   * A loopback HTTP server answering each JSON-RPC method with its result recorded from a dev node
   * ({@code aot-training-replies.json}), NOT_FOUND for others; one request per connection.
   */
  static final class RecordedNode implements AutoCloseable {
    private final ServerSocket server;
    private final JsonNode results;

    private RecordedNode(ServerSocket server, JsonNode results) {
      this.server = server;
      this.results = results;
    }

    static RecordedNode start() throws IOException {
      JsonNode results;
      try (InputStream in = AotTraining.class.getResourceAsStream("aot-training-replies.json")) {
        results = JsonTree.parse(in.readAllBytes());
      }
      RecordedNode node = new RecordedNode(
          new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), results);
      Thread serving = new Thread(node::serve, "aot-training-node");
      serving.setDaemon(true);
      serving.start();
      return node;
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket connection = server.accept()) {
          answer(connection);
        } catch (IOException e) {
          // closed, or a client that went away: the training command reports its own failure
        }
      }
    }

    private void answer(Socket connection) throws IOException {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      JsonNode request = JsonTree.parse(in.readNBytes(contentLength(in)));
      ObjectNode reply = Output.object().put("jsonrpc", "2.0");
      reply.set("id", request.path("id"));
      JsonNode result = results.get(request.path("method").asText());
      if (result != null) {
        reply.set("result", result);
      } else {
        reply.putObject("error").put("code", -32004).put("message", "not recorded")
            .putObject("data").put("reason", "NOT_FOUND");
      }
      byte[] body = JsonTree.compact(reply).getBytes(StandardCharsets.UTF_8);
      OutputStream out = connection.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
    }

    /** Reads the request head; returns its Content-Length. */
    private static int contentLength(InputStream in) throws IOException {
      int length = 0;
      for (String line = line(in); !line.isEmpty(); line = line(in)) {
        String lower = line.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) length = Integer.parseInt(lower.substring(15).strip());
      }
      return length;
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b == -1) throw new IOException("request ended early");
        if (b != '\r') line.write(b);
      }
      return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
