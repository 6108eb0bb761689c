package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.KeyLock;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bcos bench transfers}: final transfers per second against a running node. */
@Command(name = "bench", description = "Benchmarks against a running node",
    subcommands = {BenchCommand.Transfers.class, BenchCommand.Ballots.class,
        BenchCommand.Latency.class})
final class BenchCommand {

  @Command(name = "transfers", description = "Measure signed transfers/s that become final")
  static final class Transfers implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--count", defaultValue = "50000", description = "transfers to send")
    int count;
    @Option(names = "--senders", defaultValue = "100", description = "distinct sending accounts")
    int senders;
    @Option(names = "--batch", defaultValue = "500", description = "transactions per RPC call")
    int batch;
    @Option(names = "--connections", defaultValue = "4", description = "concurrent RPC calls")
    int connections;
    @Option(names = "--from", defaultValue = "dev", description = "funding key") String from;
    @Option(names = "--stall-seconds", defaultValue = "30",
        description = "stop waiting when the mempool has not shrunk for this long")
    int stallSeconds = 30;
    @Option(names = "--seed", defaultValue = "1", description = "seed for keys and recipients")
    long seed;
    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || count > 10_000_000 || senders < 1 || senders > 100_000 || batch < 1
          || batch > 1000 || connections < 1 || connections > 64) {
        throw new CliException("INVALID_ARGUMENT", "count 1..10^7, senders 1..10^5, batch "
            + "1..1000, connections 1..64");
      }
      BcosClient client = common.client();
      JsonNode status = client.status();
      String chainId = status.path("chainId").asText();
      long fee = Long.parseLong(status.path("minFeeUnits").asText());
      int perSender = (count + senders - 1) / senders;
      Transfers.progress("bench: seed=" + seed + " count=" + count + " senders=" + senders);
      double verifyOne = verifyRate(1);
      double verifyAll = verifyRate(Runtime.getRuntime().availableProcessors());
      Transfers.progress(String.format("bench: Ed25519 verify (%s) %.0f/s on 1 thread, %.0f/s on %d",
          Ed25519.verifier().name(), verifyOne, verifyAll,
          Runtime.getRuntime().availableProcessors()));
      List<Ed25519KeyPair> keys = keys(senders, seed);
      fund(client, status, fee, keys, perSender);
      long[] firstNonce = keys.stream().mapToLong(k -> client.account(k.address(), false)
          .path("pendingNonce").asLong()).toArray();
      List<Transaction> txs = presign(chainId, fee, keys, firstNonce, perSender,
          client.height() + 10_000);
      Result r = submitAndWait(client, txs);
      ObjectNode out = Output.object().put("transfers", txs.size()).put("accepted", r.accepted)
          .put("seconds", r.seconds).put("finalTransfersPerSecond", r.accepted / r.seconds)
          .put("blocks", r.blocks).put("verifier", Ed25519.verifier().name())
          .put("verifyPerSecondOneThread", Math.round(verifyOne))
          .put("verifyPerSecondAllThreads", Math.round(verifyAll))
          .put("cores", Runtime.getRuntime().availableProcessors()).put("seed", seed);
      if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
      return 0;
    }

    static void progress(String line) {
      System.err.println(line);
    }

    static List<Ed25519KeyPair> keys(int n, long seed) {
      Random random = new Random(seed);
      List<Ed25519KeyPair> keys = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] s = new byte[32];
        random.nextBytes(s);
        keys.add(Ed25519KeyPair.fromSeed(s));
      }
      return keys;
    }

    /**
     * Funds every sender from the {@code --from} key in waves that fit the chain's nonce window,
     * holding the key's lock; a refused funding transfer stops the bench with its reason.
     */
    private void fund(BcosClient client, JsonNode status, long fee, List<Ed25519KeyPair> keys,
        int perSender) throws Exception {
      Ed25519KeyPair funder = Keys.unlock(from, passphraseFile);
      String chainId = status.path("chainId").asText();
      long each = Math.addExact(Math.multiplyExact(perSender, Math.addExact(fee, 1000)), fee);
      int window = NonceWaves.window(status);
      Transfers.progress("bench: funding " + keys.size() + " senders with " + Amount.format(each)
          + " DDC each, in waves of at most " + window + " (the chain's nonce window)");
      long expiry = client.height() + 1000;
      try (KeyLock ignored = CommonOptions.keystore().lock(from, TxSubmitter.KEY_LOCK_TIMEOUT)) {
        NonceWaves.send(client, this, funder, keys.size(), window, (i, nonce) ->
            Transactions.transfer(chainId, funder, nonce, fee, expiry, keys.get(i).address(),
                each, "bench funding"), "bench funding");
      }
    }

    private static List<Transaction> presign(String chainId, long fee, List<Ed25519KeyPair> keys,
        long[] firstNonce, int perSender, long expiry) {
      long started = System.nanoTime();
      List<Transaction> txs = IntStream.range(0, keys.size()).parallel().boxed()
          .flatMap(i -> {
            Random r = new Random(i);
            List<Transaction> mine = new ArrayList<>(perSender);
            for (int n = 0; n < perSender; n++) {
              byte[] to = new byte[32];
              r.nextBytes(to);
              mine.add(Transactions.transfer(chainId, keys.get(i), firstNonce[i] + n, fee, expiry,
                  Address.wrap(to), 1000, ""));
            }
            return mine.stream();
          }).toList();
      Transfers.progress(String.format("bench: signed %d transfers in %.1f s", txs.size(),
          (System.nanoTime() - started) / 1e9));
      // interleave senders so every batch carries many senders, each in nonce order
      List<Transaction> ordered = new ArrayList<>(txs.size());
      for (int n = 0; n < perSender; n++) {
        for (int i = 0; i < keys.size(); i++) ordered.add(txs.get(i * perSender + n));
      }
      return ordered;
    }

    private record Result(long accepted, double seconds, long blocks) {}

    private Result submitAndWait(BcosClient client, List<Transaction> txs) throws Exception {
      List<String> requests = prepare(txs);
      long startHeight = client.height();
      long started = System.nanoTime();
      long accepted = submitPrepared(client, requests);
      Transfers.progress(String.format("bench: submitted %d (accepted %d) in %.2f s", txs.size(), accepted,
          (System.nanoTime() - started) / 1e9));
      // until the mempool is empty, or stops shrinking for --stall-seconds (transactions stuck
      // behind a rejected nonce can never become final; a network may need a few rounds)
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      JsonNode status = client.status();
      long lastSize = Long.MAX_VALUE;
      long lastChange = System.nanoTime();
      long finishedAt = System.nanoTime();
      while (status.path("mempoolTxs").asLong() > 0 && System.nanoTime() < deadline
          && System.nanoTime() - lastChange < Duration.ofSeconds(stallSeconds).toNanos()) {
        long size = status.path("mempoolTxs").asLong();
        if (size < lastSize) {
          lastSize = size;
          lastChange = System.nanoTime();
          finishedAt = lastChange;
        }
        Thread.sleep(50);
        status = client.status();
      }
      if (status.path("mempoolTxs").asLong() == 0) finishedAt = System.nanoTime();
      double seconds = Math.max((finishedAt - started) / 1e9, 1e-3);
      long endHeight = status.path("height").asLong();
      long counted = 0;
      for (long h = startHeight + 1; h <= endHeight; h++) {
        counted += client.block(Long.toString(h), false).path("txCount").asLong();
      }
      Transfers.progress(String.format("bench: %d txs final in %d blocks (height %d), %d left "
          + "pending", counted, endHeight - startHeight, endHeight,
          status.path("mempoolTxs").asLong()));
      return new Result(Math.min(accepted, counted), seconds, endHeight - startHeight);
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Long> rejections =
        new java.util.concurrent.ConcurrentHashMap<>();

    long submit(BcosClient client, List<Transaction> txs) throws Exception {
      return submitPrepared(client, prepare(txs));
    }

    /** The reasons and counts of the transactions the last submission refused. */
    java.util.Map<String, Long> rejections() {
      return java.util.Map.copyOf(rejections);
    }

    /** The request texts, one per batch: the load generator's JSON work, done before timing. */
    List<String> prepare(List<Transaction> txs) {
      List<String> requests = new ArrayList<>();
      for (int from = 0; from < txs.size(); from += batch) {
        requests.add(BcosClient.sendAllRequest(from, txs.subList(from,
            Math.min(txs.size(), from + batch))));
      }
      return requests;
    }

    /**
     * Submits in batches over {@code connections} concurrent calls. Batches are handed out in
     * order from a shared counter, so every connection advances through the nonces together and
     * few transactions wait behind a nonce gap.
     */
    long submitPrepared(BcosClient client, List<String> requests) throws Exception {
      rejections.clear();
      ExecutorService pool = Executors.newFixedThreadPool(connections);
      java.util.concurrent.atomic.AtomicInteger nextBatch =
          new java.util.concurrent.atomic.AtomicInteger();
      try {
        List<Future<Long>> futures = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
          futures.add(pool.submit(() -> submitBatches(client, requests, nextBatch)));
        }
        long accepted = 0;
        for (Future<Long> f : futures) accepted += f.get();
        if (!rejections.isEmpty()) progress("bench: rejected by reason: " + rejections);
        return accepted;
      } finally {
        pool.shutdownNow();
      }
    }

    private long submitBatches(BcosClient client, List<String> requests,
        java.util.concurrent.atomic.AtomicInteger nextBatch) {
      long accepted = 0;
      for (int b = nextBatch.getAndIncrement(); b < requests.size();
          b = nextBatch.getAndIncrement()) {
        JsonNode results = client.callPrepared(requests.get(b));
        for (JsonNode r : results) {
          if (r.path("accepted").asBoolean()) {
            accepted++;
          } else {
            rejections.merge(r.path("reason").asText(), 1L, Long::sum);
          }
        }
      }
      return accepted;
    }

    static double verifyRate(int threads) throws Exception {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
      int n = 4000;
      byte[][] messages = new byte[n][];
      byte[][] signatures = new byte[n][];
      for (int i = 0; i < n; i++) {
        messages[i] = ("bench " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signatures[i] = key.sign(messages[i]);
      }
      SignatureVerifier v = Ed25519.verifier();
      byte[] pk = key.publicKey();
      for (int i = 0; i < n; i++) v.verify(pk, messages[i], signatures[i]);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        long started = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          fs.add(pool.submit(() -> {
            for (int i = 0; i < n; i++) {
              if (!v.verify(pk, messages[i], signatures[i])) throw new IllegalStateException();
            }
          }));
        }
        for (Future<?> f : fs) f.get();
        return (double) n * threads / ((System.nanoTime() - started) / 1e9);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /**
   * {@code bcos bench ballots}: fee-free DVS ballots (stamp checked) admitted and final per
   * second. Sets up a members community with {@code --count} voters and a poll first.
   */
  @Command(name = "ballots", description = "Measure fee-free DVS ballots/s that become final")
  static final class Ballots implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--count", defaultValue = "20000", description = "voters (one ballot each)")
    int count;
    @Option(names = "--pow-bits", defaultValue = "8", description = "stamp difficulty")
    int powBits;
    @Option(names = "--from", defaultValue = "dev", description = "registrar key") String from;
    @Option(names = "--seed", defaultValue = "2") long seed;
    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || count > 1_000_000 || powBits < 0 || powBits > 24) {
        throw new CliException("INVALID_ARGUMENT", "count 1..10^6, pow-bits 0..24");
      }
      Transfers load = new Transfers();
      load.common = common;
      load.batch = 500;
      load.connections = 4;
      BcosClient client = common.client();
      String chainId = client.chainId();
      long fee = Long.parseLong(client.status().path("minFeeUnits").asText());
      Ed25519KeyPair registrar = Keys.unlock(from, passphraseFile);
      long nonce = client.account(registrar.address(), false).path("pendingNonce").asLong();
      long expiry = client.height() + 5_000;
      Transaction community = Transactions.build(chainId, registrar, nonce++, fee, expiry,
          new DvsCreateCommunity("bench " + seed, new DvsParams(DvsParams.MEMBERS, 1, 0, 0,
              100_000, 0, 0, 8, 1, powBits, false)));
      long communityId = created(client, client.send(community), "communities");
      List<Ed25519KeyPair> voters = Transfers.keys(count, seed);
      Transfers.progress("bench: adding " + count + " members to community " + communityId);
      try (KeyLock ignored = CommonOptions.keystore().lock(from, TxSubmitter.KEY_LOCK_TIMEOUT)) {
        NonceWaves.send(client, load, registrar, count, NonceWaves.window(client.status()),
            (i, n) -> Transactions.build(chainId, registrar, n, fee, expiry,
                new DvsSetMember(communityId, voters.get(i).address(), 1)), "bench members");
      }
      nonce = client.account(registrar.address(), false).path("pendingNonce").asLong();
      Transaction issueTx = Transactions.build(chainId, registrar, nonce, fee, expiry,
          new DvsCreateIssue(communityId, 0, false, DvsRules.of(DvsMessages.Method.SINGLE_CHOICE),
              List.of("yes", "no"), Address.wrap(new byte[32]), 0));
      long issueId = created(client, client.send(issueTx), "issues");
      long started = System.nanoTime();
      List<Transaction> ballots = IntStream.range(0, count).parallel().mapToObj(i ->
          Transactions.feeFree(chainId, voters.get(i), 0, expiry, new DvsCastBallot(issueId,
              List.of(new DvsBallotPart(0, new long[] {i % 2}))), powBits)).toList();
      Transfers.progress(String.format("bench: stamped and signed %d ballots (%d bits) in %.1f s", count,
          powBits, (System.nanoTime() - started) / 1e9));
      List<String> requests = load.prepare(ballots);
      started = System.nanoTime();
      long accepted = load.submitPrepared(client, requests);
      waitEmpty(client);
      double seconds = (System.nanoTime() - started) / 1e9;
      long counted = client.call("dvs_tally", issueId).path("ballots").asLong();
      ObjectNode out = Output.object().put("ballots", count).put("accepted", accepted)
          .put("counted", counted).put("seconds", seconds)
          .put("finalBallotsPerSecond", counted / seconds).put("powBits", powBits)
          .put("community", communityId).put("issue", issueId).put("seed", seed);
      if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
      return 0;
    }

    private static long created(BcosClient client, Hash tx, String kind) throws Exception {
      JsonNode fin = client.awaitFinal(tx, Duration.ofSeconds(120));
      JsonNode ids = client.call("dvs_createdBy", fin.path("from").asText(),
          fin.path("height").asLong()).path(kind);
      return ids.get(ids.size() - 1).asLong();
    }

    private static void waitEmpty(BcosClient client) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (client.status().path("mempoolTxs").asLong() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
  }

  /**
   * {@code bcos bench latency}: submit-to-final time of single transfers sent one after another
   * (an otherwise idle chain shows the block interval plus consensus; under load, run it beside
   * {@code bench transfers}). Finality is polled every {@value #POLL_MILLIS} ms.
   */
  @Command(name = "latency", description = "Measure submit-to-final latency of single transfers")
  static final class Latency implements Callable<Integer> {
    static final long POLL_MILLIS = 10;

    @Mixin CommonOptions common;
    @Option(names = "--count", defaultValue = "20", description = "transfers, one at a time")
    int count;
    @Option(names = "--from", defaultValue = "dev", description = "paying key") String from;
    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      if (count < 1 || count > 10_000) {
        throw new CliException("INVALID_ARGUMENT", "count 1..10000");
      }
      BcosClient client = common.client();
      JsonNode status = client.status();
      String chainId = status.path("chainId").asText();
      long fee = Long.parseLong(status.path("minFeeUnits").asText());
      Ed25519KeyPair payer = Keys.unlock(from, passphraseFile);
      Random random = new Random(count);
      long[] millis = new long[count];
      for (int i = 0; i < count; i++) {
        long nonce = client.account(payer.address(), false).path("pendingNonce").asLong();
        byte[] to = new byte[32];
        random.nextBytes(to);
        Transaction tx = Transactions.transfer(chainId, payer, nonce, fee, client.height() + 100,
            Address.wrap(to), 1000, "latency probe");
        long started = System.nanoTime();
        client.send(tx);
        long deadline = started + Duration.ofSeconds(120).toNanos();
        while (!"final".equals(statusOf(client, tx.hash()))) {
          if (System.nanoTime() > deadline) {
            throw new CliException("TIMEOUT", "transfer " + tx.hash() + " not final in 120 s");
          }
          Thread.sleep(POLL_MILLIS);
        }
        millis[i] = (System.nanoTime() - started) / 1_000_000;
        Transfers.progress("latency: " + (i + 1) + "/" + count + " " + millis[i] + " ms");
      }
      long[] sorted = millis.clone();
      java.util.Arrays.sort(sorted);
      ObjectNode out = Output.object().put("transfers", count)
          .put("p50Millis", sorted[(count - 1) / 2])
          .put("p90Millis", sorted[(int) Math.ceil(count * 0.9) - 1])
          .put("maxMillis", sorted[count - 1])
          .put("meanMillis", java.util.Arrays.stream(millis).sum() / count);
      if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
      return 0;
    }

    private static String statusOf(BcosClient client, org.bcos.types.Hash hash) {
      try {
        return client.transaction(hash).path("status").asText();
      } catch (RpcError e) {
        if ("NOT_FOUND".equals(e.reason())) return "unknown";
        throw e;
      }
    }
  }
}
