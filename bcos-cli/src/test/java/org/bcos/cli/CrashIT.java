package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.ledger.Genesis;
import org.bcos.node.config.GenesisFile;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a dev node runs as a separate process and is killed with SIGKILL at seeded
 * random moments while a client streams transfers; after every restart on the same data directory
 * the node must come up (its own startup check verifies the supply and the state root), and at the
 * end every transfer ever reported final is still final at the same height, the chain is
 * contiguous and the supply is exactly conserved.
 *
 * <p>Replay: {@code -Dbcos.crash.seed=N}; more kills: {@code -Dbcos.crash.kills=N}.
 */
class CrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = Long.getLong("bcos.crash.seed", 20_261_129L);
  private static final int KILLS = Integer.getInteger("bcos.crash.kills", 20);
  private static final int RECIPIENTS = 8;
  private static final long HEALTH_TIMEOUT_MILLIS = 30_000;

  @TempDir Path root;

  @Test
  @Timeout(value = 280, unit = TimeUnit.SECONDS)
  void killedNodeKeepsEveryFinalTransferAndConservesSupply() throws Exception {
    System.out.println("CrashIT seed=" + SEED + " kills=" + KILLS
        + " (replay with -Dbcos.crash.seed=" + SEED + ")");
    Random random = new Random(SEED);
    Path home = root.resolve("home");
    Path data = root.resolve("data");
    NodeProcess node = NodeProcess.start(home, data, root.resolve("node.log"), true);
    TransferStream stream = null;
    Thread streamer = null;
    try {
      Ed25519KeyPair dev = new Keystore(home.resolve("keys")).load("dev", new char[0]);
      List<Address> recipients = new ArrayList<>();
      for (int i = 0; i < RECIPIENTS; i++) recipients.add(seededKey(random).address());
      stream = new TransferStream(dev, recipients, new Random(random.nextLong()));
      stream.target(node.url());
      streamer = Thread.ofPlatform().name("crash-it-transfers").daemon().start(stream);

      int healthyStarts = 1;
      for (int kill = 1; kill <= KILLS; kill++) {
        boolean early = kill > 1 && random.nextInt(5) == 0;
        if (!early) Thread.sleep(150 + random.nextInt(1_500));
        node.kill();
        node = NodeProcess.start(home, data, root.resolve("node.log"), false);
        if (early) {
          // SIGKILL while the node is still opening its store or replaying state
          Thread.sleep(random.nextInt(900));
          if (!node.isHealthy()) continue;
        }
        node.awaitHealthy();
        healthyStarts++;
        stream.target(node.url());
      }
      node.kill();
      node = NodeProcess.start(home, data, root.resolve("node.log"), false);
      node.awaitHealthy();
      healthyStarts++;
      stream.target(node.url());
      Thread.sleep(1_000);
      stream.stop();
      streamer.join(30_000);
      System.out.println("CrashIT: " + healthyStarts + " healthy starts, " + stream.sent.size()
          + " transfers sent, " + stream.finalSeen.size() + " seen final");

      BcosClient client = new BcosClient(node.url());
      awaitEmptyMempool(client);
      assertTrue(stream.finalSeen.size() > KILLS, "the stream made progress: "
          + stream.finalSeen.size() + " transfers seen final");
      assertSeenFinalStillFinal(client, stream);
      assertChainContiguous(client);
      assertBalancesMatchFinalTransfers(client, GenesisFile.read(data.resolve("genesis.json")),
          dev.address(), recipients, stream);
      assertCliSendShowsRejection(home, node.url(), recipients.getFirst());
      assertCliBalanceIsExactDecimal(home, node.url(), client, recipients.getFirst());
    } finally {
      if (stream != null) stream.stop();
      if (streamer != null) streamer.join(10_000);
      node.kill();
    }
  }

  private static Ed25519KeyPair seededKey(Random random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519KeyPair.fromSeed(seed);
  }

  private static void awaitEmptyMempool(BcosClient client) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (client.status().path("mempoolTxs").asInt() > 0) {
      if (System.nanoTime() > deadline) fail("mempool did not drain: " + client.status());
      Thread.sleep(100);
    }
  }

  private static void assertSeenFinalStillFinal(BcosClient client, TransferStream stream) {
    for (Map.Entry<Hash, JsonNode> seen : stream.finalSeen.entrySet()) {
      JsonNode now = client.transaction(seen.getKey());
      assertEquals("final", now.path("status").asText(), seen.getKey().toHex());
      assertEquals(seen.getValue().path("height").asLong(), now.path("height").asLong());
      assertEquals(seen.getValue().path("index").asInt(), now.path("index").asInt());
      assertEquals(seen.getValue().path("blockHash").asText(), now.path("blockHash").asText());
    }
  }

  private static void assertChainContiguous(BcosClient client) {
    long head = client.height();
    String previousHash = Hash.ZERO.toHex();
    for (long h = 0; h <= head; h++) {
      JsonNode block = client.block(Long.toString(h), false);
      assertEquals(h, block.path("height").asLong());
      assertEquals(previousHash, block.path("previousHash").asText(), "link at height " + h);
      previousHash = block.path("hash").asText();
    }
    System.out.println("CrashIT: chain 0.." + head + " contiguous");
  }

  /**
   * Every final transfer is one we sent: the balances must be exactly their sums. The genesis's
   * other funded accounts (the dev accounts dev1..dev9) sent nothing and keep their allocation.
   */
  private static void assertBalancesMatchFinalTransfers(BcosClient client, Genesis genesis,
      Address dev, List<Address> recipients, TransferStream stream) {
    Map<Address, Long> received = new HashMap<>();
    long fees = 0;
    long spent = 0;
    int finalCount = 0;
    for (TransferStream.Sent s : stream.sent.values()) {
      try {
        if (!"final".equals(client.transaction(s.hash()).path("status").asText())) continue;
      } catch (RpcError e) {
        assertEquals("NOT_FOUND", e.reason());
        continue;
      }
      finalCount++;
      received.merge(s.to(), s.amountUnits(), Math::addExact);
      fees = Math.addExact(fees, s.feeUnits());
      spent = Math.addExact(spent, s.amountUnits() + s.feeUnits());
    }
    String validator = client.status().path("validators").path(0).path("address").asText();
    long validatorBalance = balance(client, Address.parse(validator));
    long devBalance = balance(client, dev);
    long total = Math.addExact(devBalance, validatorBalance);
    long devAccounts = 0;
    for (Genesis.Allocation a : genesis.allocations()) {
      if (a.address().equals(dev) || genesis.isValidator(a.address())) continue;
      assertEquals(a.units(), balance(client, a.address()), "dev account " + a.address());
      devAccounts = Math.addExact(devAccounts, a.units());
    }
    assertTrue(devAccounts > 0, "node --dev funds dev accounts");
    total = Math.addExact(total, devAccounts);
    for (Address r : recipients) {
      long b = balance(client, r);
      assertEquals(received.getOrDefault(r, 0L), b, "balance of " + r);
      total = Math.addExact(total, b);
    }
    // the validator's stake is bonded and the reward pool set aside at genesis (neither is a
    // balance); fees leave the balances for the staking distribution (protocol version 3)
    long pool = genesis.staking().orElseThrow().rewardPoolUnits();
    long liquid = Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_STAKE_UNITS - pool;
    assertEquals(liquid - fees, total, "balances conserved");
    assertEquals(liquid - devAccounts - spent, devBalance);
    assertEquals(0, validatorBalance, "fees go to the distribution, not the proposer");
    // every holding, read at one height: the balances above are all the liquid DDC (the fee
    // collector is empty at each block end), and what the reward pool paid plus every fee sits
    // in commission, outstanding rewards or the community pool (nobody withdrew)
    SupplyParts supply = SupplyParts.read(client);
    assertEquals(total, supply.of("liquid"), "liquid = the balances");
    assertEquals(Genesis.DEV_STAKE_UNITS, supply.of("bonded"));
    assertEquals(pool - supply.of("rewardPool") + fees, supply.sharedRewards(),
        "rewards = what the pool paid + fees");
    assertEquals(0, supply.of("unbonding") + supply.of("slashedPool"));
    assertEquals(finalCount, client.account(dev, false).path("nonce").asLong());
  }

  private static long balance(BcosClient client, Address address) {
    return Long.parseLong(client.account(address, false).path("balanceUnits").asText());
  }

  private void assertCliSendShowsRejection(Path home, String url, Address to) throws Exception {
    CliRun run = cli(home, "send", "--from", "dev", "--to", to.toString(), "--amount", "0",
        "--rpc", url);
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("error: AMOUNT_NOT_POSITIVE: "
        + CoinRejection.AMOUNT_NOT_POSITIVE.sentence()), run.toString());
  }

  private void assertCliBalanceIsExactDecimal(Path home, String url, BcosClient client,
      Address who) throws Exception {
    long units = balance(client, who);
    CliRun run = cli(home, "balance", who.toString(), "--json", "--rpc", url);
    assertEquals(0, run.exitCode(), run.toString());
    JsonNode out = JSON.readTree(run.stdout());
    assertTrue(out.path("balance").isTextual(), run.stdout());
    assertEquals(Amount.format(units), out.path("balance").asText());
    assertEquals(units, new BigDecimal(out.path("balance").asText()).movePointRight(
        Amount.DECIMALS).longValueExact());
  }

  private record CliRun(int exitCode, String stdout, String stderr) {}

  private CliRun cli(Path home, String... args) throws Exception {
    Path out = Files.createTempFile(root, "cli", ".out");
    Path err = Files.createTempFile(root, "cli", ".err");
    List<String> command = new ArrayList<>(NodeProcess.javaCommand());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    NodeProcess.environment(pb, home);
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("CLI did not finish: " + String.join(" ", args));
    }
    return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Streams transfers from dev to the recipients; records what was sent and seen final. */
  static final class TransferStream implements Runnable {
    record Sent(Hash hash, Address to, long amountUnits, long feeUnits, long sentNanos) {}

    final Map<Hash, Sent> sent = new ConcurrentHashMap<>();
    final Map<Hash, JsonNode> finalSeen = new ConcurrentHashMap<>();
    private final Map<Hash, Sent> unconfirmed = new ConcurrentHashMap<>();
    private final Ed25519KeyPair dev;
    private final List<Address> recipients;
    private final Random random;
    private volatile BcosClient client;
    private volatile boolean running = true;

    TransferStream(Ed25519KeyPair dev, List<Address> recipients, Random random) {
      this.dev = dev;
      this.recipients = recipients;
      this.random = random;
    }

    void target(String url) {
      client = new BcosClient(url);
    }

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (running && System.nanoTime() < deadline) {
        BcosClient c = client;
        try {
          sendSome(c);
          pollUnconfirmed(c);
        } catch (BcosClient.UnreachableException | RpcError e) {
          // the node is down or restarting: retry against the next target
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sendSome(BcosClient c) {
      JsonNode status = c.status();
      JsonNode account = c.account(dev.address(), false);
      long nonce = account.path("pendingNonce").asLong();
      if (nonce - account.path("nonce").asLong() > 40) return;
      long fee = Long.parseLong(status.path("minFeeUnits").asText());
      long expiry = status.path("height").asLong() + 50;
      List<Transaction> batch = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Address to = recipients.get(random.nextInt(recipients.size()));
        long amount = 1 + random.nextInt(100_000_000);
        Transaction tx = Transactions.transfer(status.path("chainId").asText(), dev, nonce + i,
            fee, expiry, to, amount, "");
        Sent s = new Sent(tx.hash(), to, amount, fee, System.nanoTime());
        sent.put(tx.hash(), s);
        unconfirmed.put(tx.hash(), s);
        batch.add(tx);
      }
      c.sendAll(batch);
    }

    private void pollUnconfirmed(BcosClient c) {
      for (Sent s : List.copyOf(unconfirmed.values())) {
        try {
          JsonNode tx = c.transaction(s.hash());
          if ("final".equals(tx.path("status").asText())) {
            finalSeen.put(s.hash(), tx);
            unconfirmed.remove(s.hash());
          }
        } catch (RpcError e) {
          // lost with a crashed mempool (never final), or replaced by another tx at its nonce
          if ("NOT_FOUND".equals(e.reason())
              && System.nanoTime() - s.sentNanos() > TimeUnit.SECONDS.toNanos(15)) {
            unconfirmed.remove(s.hash());
          }
        }
      }
    }
  }

  /** A {@code bcos node --dev} JVM with its own free loopback port. */
  static final class NodeProcess {
    private final Process process;
    private final int port;
    private final Path log;
    private final long logOffset;

    private NodeProcess(Process process, int port, Path log, long logOffset) {
      this.process = process;
      this.port = port;
      this.log = log;
      this.logOffset = logOffset;
    }

    static List<String> javaCommand() {
      return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx512m",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
          "org.bcos.cli.BcosCli");
    }

    static void environment(ProcessBuilder pb, Path home) {
      pb.environment().put("BCOS_HOME", home.toString());
      pb.environment().remove("BCOS_PASSPHRASE");
      pb.environment().remove("BCOS_RPC");
    }

    static NodeProcess start(Path home, Path data, Path log, boolean waitHealthy)
        throws Exception {
      return start(home, data, log, waitHealthy, List.of());
    }

    /** As {@link #start(Path, Path, Path, boolean)}, with more {@code node} options. */
    static NodeProcess start(Path home, Path data, Path log, boolean waitHealthy,
        List<String> moreOptions) throws Exception {
      int port = freePort();
      long offset = Files.exists(log) ? Files.size(log) : 0;
      List<String> command = new ArrayList<>(javaCommand());
      command.addAll(List.of("node", "--dev", "--data", data.toString(), "--rpc-port",
          Integer.toString(port), "--block-interval-ms", "200"));
      command.addAll(moreOptions);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      environment(pb, home);
      NodeProcess node = new NodeProcess(pb.start(), port, log, offset);
      if (waitHealthy) node.awaitHealthy();
      return node;
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    int port() {
      return port;
    }

    /** The node's operating-system process id (for /proc readings). */
    long pid() {
      return process.pid();
    }

    boolean isHealthy() {
      try {
        // get() saw HTTP 200: ok, or degraded by a warning such as a nearly full CI disk
        return !JSON.readTree(InProcessNode.get(port, "/health")).path("status").asText()
            .equals("unhealthy");
      } catch (IOException | AssertionError e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Waits (bounded) until {@code /health} answers; fails with the log if the node died. */
    void awaitHealthy() throws Exception {
      long deadline = System.currentTimeMillis() + HEALTH_TIMEOUT_MILLIS;
      while (!isHealthy()) {
        if (!process.isAlive()) fail("node exited with " + process.exitValue() + ":\n" + logTail());
        if (System.currentTimeMillis() > deadline) fail("node not healthy in time:\n" + logTail());
        Thread.sleep(50);
      }
      String startup = logTail();
      assertTrue(startup.contains("BCOS node"), startup);
      assertTrue(!startup.contains("Exception") && !startup.contains("ERROR"), startup);
      // the output is a log file, not a terminal: a new dev key's mnemonic must not land in it
      assertTrue(!startup.contains("mnemonic (shown once)"), startup);
    }

    String logTail() throws IOException {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(all.length, logOffset);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /** SIGKILL, then wait until the process is gone. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      if (!process.waitFor(20, TimeUnit.SECONDS)) fail("node process did not die");
    }
  }
}
