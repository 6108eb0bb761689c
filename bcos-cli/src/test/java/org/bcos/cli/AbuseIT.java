package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8's attacks replayed against a real {@code bcos node --dev} process (256 MiB heap), one
 * after the other, while a monitor asks {@code /health} every 100 ms and reads the process's
 * resident memory, and an honest client sends a transfer every 250 ms: free-ballot spam from
 * throwaway keys, a flood of idle connections, unfinished 8 MB bodies, a batch of 1,000 lookups,
 * and a hostile web page. The node must stay healthy, every honest transfer must be admitted and
 * final, memory must stay bounded, and each attack must be refused by name. It prints its figures
 * (docs/SECURITY.md).
 *
 * <p>Scale: {@code -Dbcos.abuse.scale=N} multiplies every attack (1 in the build, a short slice;
 * 5 for the long run); {@code -Dbcos.abuse.seed=S} replays the random choices.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class AbuseIT {
  private static final int SCALE = Integer.getInteger("bcos.abuse.scale", 1);
  private static final long SEED = Long.getLong("bcos.abuse.seed", 20_261_207L);
  private static final int BITS = 8;
  private static final long RSS_BOUND_BYTES = 1L << 30;
  @TempDir Path root;

  private CrashIT.NodeProcess node;
  private BcosClient client;
  private Ed25519KeyPair dev;
  private String chainId;
  private long minFee;
  private final Map<String, String> figures = new LinkedHashMap<>();

  @Test
  void theNodeStaysHealthyAndHonestUsersGetInUnderEveryAttack() throws Exception {
    System.out.println("AbuseIT scale=" + SCALE + " seed=" + SEED
        + " (replay with -Dbcos.abuse.seed=" + SEED + ")");
    Path home = root.resolve("home");
    node = CrashIT.NodeProcess.start(home, root.resolve("data"), root.resolve("node.log"), true);
    try (Monitor monitor = new Monitor(node.port(), node.pid())) {
      client = new BcosClient(node.url());
      dev = new Keystore(home.resolve("keys")).load("dev", new char[0]);
      chainId = client.call("bcos_chainId").path("chainId").asText();
      minFee = Long.parseLong(client.status().path("minFeeUnits").asText("10000"));
      Ed25519KeyPair honestKey = InProcessNode.freshKey();
      awaitFinal(client.send(Transactions.transfer(chainId, dev, pendingNonce(dev), minFee,
          height() + 1_000, honestKey.address(), 1_000_000_000_000L, "")));
      monitor.start();
      Honest honest = new Honest(honestKey);
      honest.start();
      Random random = new Random(SEED);

      phase("free-ballot spam", monitor, () -> freeSpam(random));
      phase("idle connections", monitor, this::idleConnections);
      phase("unfinished bodies", monitor, this::unfinishedBodies);
      phase("lookup amplification", monitor, this::lookupBatch);
      phase("hostile web page", monitor, this::hostilePage);
      phase("out-of-range parameters", monitor, this::outOfRangeParameters);

      honest.stopAndAwaitFinal();
      figures.put("honest transfers", honest.sent + " sent, " + honest.admitted + " admitted, "
          + honest.finalCount + " final");
      figures.put("peak RSS", (monitor.peakRss.get() >> 20) + " MiB (started at "
          + (monitor.startRss >> 20) + " MiB)");
      figures.put("/health", monitor.probes.get() + " probes, slowest "
          + monitor.slowestMillis.get() + " ms, " + monitor.failures.get() + " failed");
      figures.forEach((k, v) -> System.out.println("AbuseIT " + k + ": " + v));

      assertEquals(0, monitor.failures.get(), "/health failed under attack: " + monitor.lastFailure);
      assertEquals(honest.sent, honest.admitted, "honest transfers refused: " + honest.refusals);
      assertEquals(honest.admitted, honest.finalCount);
      assertTrue(monitor.peakRss.get() < RSS_BOUND_BYTES, figures.toString());
    } finally {
      node.kill();
    }
  }

  private interface Phase {
    void run() throws Exception;
  }

  private void phase(String name, Monitor monitor, Phase phase) throws Exception {
    long slowestBefore = monitor.slowestMillis.getAndSet(0);
    long started = System.nanoTime();
    phase.run();
    figures.put(name + " took", (System.nanoTime() - started) / 1_000_000 + " ms, /health slowest "
        + monitor.slowestMillis.get() + " ms");
    monitor.slowestMillis.accumulateAndGet(slowestBefore, Math::max);
  }

  // ------------------------------------------------------------------ the attacks

  /** Throwaway keys vote for free with valid stamps: none is admitted; a member's vote is. */
  private void freeSpam(Random random) throws Exception {
    Ed25519KeyPair member = InProcessNode.freshKey();
    DvsParams params = new DvsParams(DvsParams.MEMBERS, 400, 1, 10, 400, 2_000, 2_000, 2, 1, BITS,
        false);
    long community = created(paid(new DvsCreateCommunity("abuse", params)), "communities");
    awaitFinal(client.send(paid(new DvsSetMember(community, member.address(), 1))));
    long issue = created(paid(new DvsCreateIssue(community, 0, false,
        DvsRules.of(Method.SINGLE_CHOICE), List.of("yes", "no"), dev.address(), 0)), "issues");

    int keys = 100 * SCALE;
    int perKey = 10;
    List<Ed25519KeyPair> throwaway = new ArrayList<>();
    for (int i = 0; i < keys; i++) throwaway.add(InProcessNode.freshKey());
    long expiry = height() + 1_000;
    int admitted = 0;
    int refused = 0;
    for (int n = 0; n < perKey; n++) {
      List<Transaction> batch = new ArrayList<>();
      for (Ed25519KeyPair k : throwaway) {
        batch.add(Transactions.feeFree(chainId, k, n, expiry, ballot(issue, random.nextInt(2)),
            BITS));
      }
      for (JsonNode r : client.sendAll(batch)) {
        if (r.path("accepted").asBoolean()) admitted++;
        else if ("NOT_A_MEMBER".equals(r.path("reason").asText())) refused++;
      }
    }
    figures.put("free-ballot spam", keys * perKey + " ballots from " + keys + " throwaway keys: "
        + admitted + " admitted, " + refused + " refused NOT_A_MEMBER");
    assertEquals(0, admitted);
    assertEquals(keys * perKey, refused);
    Hash vote = client.send(Transactions.feeFree(chainId, member, 0, expiry, ballot(issue, 1),
        BITS));
    assertEquals("final", awaitFinal(vote).path("status").asText());
  }

  /**
   * More idle connections than the API allows from one address: the oldest idle ones are evicted
   * for newcomers, so /health (the monitor) keeps getting in.
   */
  private void idleConnections() throws Exception {
    int count = 1_500 * SCALE;
    List<Socket> idle = new ArrayList<>();
    int opened = 0;
    try {
      for (int i = 0; i < count; i++) {
        try {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", node.port()), 2_000);
          idle.add(s);
          opened++;
        } catch (IOException e) {
          break; // refused outright: also a defence
        }
      }
      Thread.sleep(1_000);
      int open = 0;
      for (Socket s : idle) {
        if (isOpen(s)) open++;
      }
      figures.put("idle connections", opened + " opened, " + open + " still open after 1 s");
      assertTrue(open < opened, "no idle connection was evicted or closed");
    } finally {
      for (Socket s : idle) s.close();
    }
  }

  /** Connections that announce 8 MB bodies, send half and stall: buffered bytes stay bounded. */
  private void unfinishedBodies() throws Exception {
    int count = 100 * SCALE;
    long declared = 8L << 20;
    byte[] chunk = new byte[64 * 1024];
    List<Socket> stalled = new ArrayList<>();
    long sent = 0;
    int cut = 0;
    try {
      for (int i = 0; i < count; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", node.port()), 2_000);
        s.setSoTimeout(5_000);
        stalled.add(s);
        OutputStream out = s.getOutputStream();
        try {
          out.write(("POST /rpc HTTP/1.1\r\nHost: 127.0.0.1:" + node.port()
              + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          for (long b = 0; b < declared / 2; b += chunk.length) {
            out.write(chunk);
            sent += chunk.length;
          }
          out.flush();
        } catch (IOException e) {
          cut++; // the node refused to buffer more (RPC_BUFFERS_FULL) and closed it
        }
      }
      Thread.sleep(1_000);
      figures.put("unfinished bodies", count + " connections declaring 8 MiB, " + (sent >> 20)
          + " MiB sent, " + cut + " cut off while sending");
    } finally {
      for (Socket s : stalled) s.close();
    }
  }

  /** One batch of 1,000 lookups: answered within the request's work budget, named if cut. */
  private void lookupBatch() throws Exception {
    Hash known = client.send(Transactions.transfer(chainId, dev, pendingNonce(dev), minFee,
        height() + 1_000, InProcessNode.freshKey().address(), 1, ""));
    awaitFinal(known);
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1_000; i++) {
      if (i > 0) batch.append(',');
      batch.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
          .append(",\"method\":\"bcos_getTransaction\",\"params\":[\"").append(known.toHex())
          .append("\"]}");
    }
    batch.append(']');
    long cpuBefore = Monitor.cpuMillis(node.pid());
    long started = System.nanoTime();
    String answer = InProcessNode.postRpc(node.port(), batch.toString());
    long millis = (System.nanoTime() - started) / 1_000_000;
    long cpu = Monitor.cpuMillis(node.pid()) - cpuBefore;
    JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer);
    int found = 0;
    for (JsonNode r : results) {
      if (r.path("result").path("hash").asText().equals(known.toHex())) found++;
    }
    figures.put("lookup amplification", "1,000 bcos_getTransaction in one batch ("
        + (batch.length() >> 10) + " KiB): " + found + " answered in " + millis + " ms, node CPU "
        + cpu + " ms");
    assertEquals(1_000, found, answer.length() > 300 ? answer.substring(0, 300) : answer);
  }

  /** What a web page on another site could send: each refused by name, nothing executed. */
  private void hostilePage() throws Exception {
    String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_status\",\"params\":[]}";
    int textPlain = status(post(call, Map.of("Content-Type", "text/plain")));
    int foreignOrigin = status(post(call, Map.of("Content-Type", "application/json",
        "Origin", "http://evil.example")));
    int nullOrigin = status(post(call, Map.of("Content-Type", "application/json",
        "Origin", "null")));
    int rebinding = raw("POST /rpc HTTP/1.1\r\nHost: evil.example:" + node.port()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + call.length()
        + "\r\nConnection: close\r\n\r\n" + call);
    int webSocket = raw("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + node.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example\r\n\r\n");
    figures.put("hostile web page", "text/plain POST " + textPlain + ", foreign Origin "
        + foreignOrigin + ", Origin null " + nullOrigin + ", foreign Host (DNS rebinding) "
        + rebinding + ", foreign WebSocket upgrade " + webSocket);
    assertEquals(415, textPlain);
    assertEquals(403, foreignOrigin);
    assertEquals(403, nullOrigin);
    assertEquals(403, rebinding);
    assertEquals(403, webSocket);
  }

  /** Integers that would wrap or overflow: refused by name, never a wrong answer or a crash. */
  private void outOfRangeParameters() {
    List<String> refusals = new ArrayList<>();
    for (Object height : List.of(new java.math.BigInteger("18446744073709551621"),
        "9999999999999999999", -1, 1.5)) {
      RpcError e = org.junit.jupiter.api.Assertions.assertThrows(RpcError.class,
          () -> client.call("bcos_getBlock", height));
      assertEquals("INVALID_PARAMS", e.reason(), e.getMessage());
      refusals.add(height + " -> " + e.reason());
    }
    figures.put("out-of-range parameters", String.join(", ", refusals));
  }

  // ------------------------------------------------------------------ helpers

  private Transaction paid(Message m) {
    return Transactions.build(chainId, dev, pendingNonce(dev), minFee, height() + 1_000, m);
  }

  private long pendingNonce(Ed25519KeyPair key) {
    return client.account(key.address(), false).path("pendingNonce").asLong();
  }

  private long created(Transaction tx, String what) throws InterruptedException {
    JsonNode done = awaitFinal(client.send(tx));
    JsonNode ids = client.call("dvs_createdBy", dev.address().toString(),
        done.path("height").asLong()).path(what);
    return ids.get(ids.size() - 1).asLong();
  }

  private static DvsCastBallot ballot(long issue, int choice) {
    return new DvsCastBallot(issue, List.of(new DvsBallotPart(0, new long[] {choice})));
  }

  private long height() {
    return client.status().path("height").asLong();
  }

  private JsonNode awaitFinal(Hash hash) throws InterruptedException {
    return client.awaitFinal(hash, Duration.ofSeconds(60));
  }

  private static boolean isOpen(Socket s) {
    try {
      s.setSoTimeout(1);
      return s.getInputStream().read() != -1;
    } catch (java.net.SocketTimeoutException e) {
      return true; // nothing to read, still connected
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + "/rpc"))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static int status(HttpResponse<String> response) {
    return response.statusCode();
  }

  /** Sends raw request bytes (for headers HttpClient will not set) and returns the status code. */
  private int raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", node.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) line.append((char) c);
      String[] parts = line.toString().split(" ");
      return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
    }
  }

  /** An honest client: one transfer every 250 ms from its own key, each expected final. */
  private final class Honest extends Thread {
    private final Ed25519KeyPair key;
    volatile boolean stop;
    int sent;
    int admitted;
    int finalCount;
    final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
    private final List<Hash> hashes = new ArrayList<>();

    Honest(Ed25519KeyPair key) {
      super("abuse-honest");
      setDaemon(true);
      this.key = key;
    }

    @Override
    public void run() {
      BcosClient own = new BcosClient(node.url());
      Address to = InProcessNode.freshKey().address();
      while (!stop) {
        try {
          long nonce = own.account(key.address(), false).path("pendingNonce").asLong();
          long expiry = own.status().path("height").asLong() + 1_000;
          sent++;
          hashes.add(own.send(Transactions.transfer(chainId, key, nonce, minFee, expiry, to, 1,
              "")));
          admitted++;
        } catch (RpcError | BcosClient.UnreachableException e) {
          refusals.add(e.getMessage());
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopAndAwaitFinal() throws InterruptedException {
      stop = true;
      join(30_000);
      for (Hash h : hashes) {
        if ("final".equals(awaitFinal(h).path("status").asText())) finalCount++;
      }
    }
  }

  /** Asks /health every 100 ms and reads the node's resident memory (VmRSS). */
  private static final class Monitor extends Thread implements AutoCloseable {
    private final int port;
    private final long pid;
    final long startRss;
    final AtomicLong peakRss = new AtomicLong();
    final AtomicLong slowestMillis = new AtomicLong();
    final AtomicLong probes = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    volatile String lastFailure = "";
    private volatile boolean stop;

    Monitor(int port, long pid) throws IOException {
      super("abuse-monitor");
      setDaemon(true);
      this.port = port;
      this.pid = pid;
      this.startRss = rss(pid);
      peakRss.set(startRss);
    }

    @Override
    public void run() {
      try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .build()) {
        while (!stop) {
          long started = System.nanoTime();
          try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              failures.incrementAndGet();
              lastFailure = r.statusCode() + " " + r.body();
            }
          } catch (IOException e) {
            failures.incrementAndGet();
            lastFailure = e.toString();
          }
          probes.incrementAndGet();
          slowestMillis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
          peakRss.accumulateAndGet(rss(pid), Math::max);
          Thread.sleep(100);
        }
      } catch (InterruptedException | IOException e) {
        // stopped
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      join(15_000);
    }

    static long rss(long pid) throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return 0;
    }

    /** User plus system CPU time of the process so far (clock ticks of 10 ms on Linux). */
    static long cpuMillis(long pid) throws IOException {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }
  }
}
