package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bcos.client.RpcError;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.stake.api.StakeApi;
import org.bcos.node.config.NodeConfig;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real dev node in this JVM (RocksDB in a temp dir, loopback RPC) driven through its API. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DevNodeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private InProcessNode chain;

  @BeforeEach
  void startNode() throws Exception {
    chain = InProcessNode.start(root);
  }

  @AfterEach
  void stopNode() {
    if (chain != null) chain.close();
  }

  @Test
  void transferMovesAmountAndFeeExactly() throws Exception {
    Address to = InProcessNode.freshKey().address();
    Address validator = Address.parse(chain.client().status().path("validators").path(0).path("address").asText());
    assertEquals(chain.validator(), validator);
    long devBefore = chain.balance(chain.dev.address());
    long validatorBefore = chain.balance(validator);
    long rewardsBefore = rewardsOf(validator);
    long amount = Amount.parse("1250.5");

    JsonNode fin = chain.fund(to, amount);

    assertEquals(devBefore - amount - chain.minFee(), chain.balance(chain.dev.address()));
    assertEquals(amount, chain.balance(to));
    if (isStakingValidator(validator)) {
      // a staking chain (version >= 3, a new dev chain's) shares the fee out at the block's end
      // as the validator's reward, paid when it withdraws (docs/GOVERNANCE.md "Distribution")
      assertEquals(validatorBefore, chain.balance(validator));
      assertEquals(rewardsBefore + chain.minFee(), rewardsOf(validator));
    } else {
      assertEquals(validatorBefore + chain.minFee(), chain.balance(validator));
    }
    assertEquals(1, chain.nonce(chain.dev.address()));
    assertEquals("1250.5", fin.path("amount").asText());
    assertEquals(Long.toString(amount), fin.path("amountUnits").asText());
  }

  private boolean isStakingValidator(Address validator) {
    return chain.node().ledger().api(StakeApi.class).stakingValidator(validator).isPresent();
  }

  /** The dev validator's rewards not yet withdrawn (its commission and its bonders' share). */
  private long rewardsOf(Address validator) {
    return chain.node().ledger().api(StakeApi.class).stakingValidator(validator)
        .map(v -> v.commissionUnits() + v.outstandingUnits()).orElse(0L);
  }

  @Test
  void finalTransactionReportsHeightIndexAndBlockHash() throws Exception {
    Hash hash = chain.client().send(
        chain.transfer(chain.dev, 0, InProcessNode.freshKey().address(), 1));
    JsonNode tx = chain.awaitFinal(hash);

    long height = tx.path("height").asLong();
    assertTrue(height >= 1, tx.toString());
    JsonNode block = chain.client().block(Long.toString(height), false);
    assertEquals(block.path("hash").asText(), tx.path("blockHash").asText());
    int index = tx.path("index").asInt();
    assertEquals(hash.toHex(), block.path("transactions").get(index).asText());
    assertEquals(hash.toHex(), tx.path("hash").asText());
    assertEquals(chain.dev.address().toString(), tx.path("from").asText());
  }

  @Test
  void blocksAreFoundByHeightByHashAndAsLatest() throws Exception {
    Hash hash = chain.client().send(
        chain.transfer(chain.dev, 0, InProcessNode.freshKey().address(), 7));
    long height = chain.awaitFinal(hash).path("height").asLong();

    JsonNode byHeight = chain.client().block(Long.toString(height), true);
    JsonNode byHash = chain.client().block(byHeight.path("hash").asText(), true);
    assertEquals(byHeight, byHash);
    assertEquals(height, byHeight.path("height").asLong());
    assertEquals(1, byHeight.path("txCount").asInt());
    assertEquals(hash.toHex(), byHeight.path("transactions").get(0).path("hash").asText());
    JsonNode previous = chain.client().block(Long.toString(height - 1), false);
    assertEquals(previous.path("hash").asText(), byHeight.path("previousHash").asText());

    JsonNode latest = chain.client().block("latest", false);
    assertTrue(latest.path("height").asLong() >= height);
    JsonNode genesis = chain.client().block("0", false);
    assertEquals(0, genesis.path("height").asLong());
    assertEquals(chain.node().ledger().genesisHash().toHex(), genesis.path("hash").asText());
    RpcError missing = assertThrows(RpcError.class,
        () -> chain.client().block(Long.toString(latest.path("height").asLong() + 1_000_000),
            false));
    assertEquals("NOT_FOUND", missing.reason());
  }

  @Test
  void accountProofVerifiesAndTamperedBalanceIsRefused() throws Exception {
    Address to = InProcessNode.freshKey().address();
    chain.fund(to, 42);

    JsonNode proven = chain.client().account(to, true);
    assertTrue(proven.path("exists").asBoolean());
    assertTrue(QueryCommands.Balance.verifyProof(to, proven), proven.toString());

    ObjectNode tampered = proven.deepCopy();
    tampered.put("balanceUnits", "43");
    assertFalse(QueryCommands.Balance.verifyProof(to, tampered));

    ObjectNode otherRoot = proven.deepCopy();
    otherRoot.put("stateRoot", Hash.ZERO.toHex());
    assertFalse(QueryCommands.Balance.verifyProof(to, otherRoot));

    JsonNode devProof = chain.client().account(chain.dev.address(), true);
    assertTrue(QueryCommands.Balance.verifyProof(chain.dev.address(), devProof));
    assertFalse(QueryCommands.Balance.verifyProof(to, devProof), "proof for another address");
  }

  @Test
  void absentAccountHasAnExclusionProof() {
    Address nobody = InProcessNode.freshKey().address();
    JsonNode proven = chain.client().account(nobody, true);
    assertFalse(proven.path("exists").asBoolean());
    assertEquals("0", proven.path("balanceUnits").asText());
    assertTrue(QueryCommands.Balance.verifyProof(nobody, proven), proven.toString());
  }

  @Test
  void batchOfHundredsOfTransfersFromSeveralSendersAllBecomeFinal() throws Exception {
    int senders = 4;
    int perSender = 100;
    List<Ed25519KeyPair> keys = new ArrayList<>();
    List<Transaction> funding = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      keys.add(InProcessNode.freshKey());
      funding.add(chain.transfer(chain.dev, i, keys.get(i).address(), Amount.parse("10")));
    }
    ArrayNode funded = chain.client().sendAll(funding);
    for (JsonNode r : funded) assertTrue(r.path("accepted").asBoolean(), r.toString());
    chain.awaitFinal(funding.getLast().hash());

    Address sink = InProcessNode.freshKey().address();
    List<Transaction> batch = new ArrayList<>();
    for (int n = 0; n < perSender; n++) {
      for (Ed25519KeyPair key : keys) batch.add(chain.transfer(key, n, sink, 1_000 + n));
    }
    ArrayNode results = chain.client().sendAll(batch);

    assertEquals(batch.size(), results.size());
    for (int i = 0; i < batch.size(); i++) {
      assertTrue(results.get(i).path("accepted").asBoolean(), results.get(i).toString());
      assertEquals(batch.get(i).hash().toHex(), results.get(i).path("hash").asText());
    }
    for (Transaction tx : batch) chain.awaitFinal(tx.hash());
    long expected = 0;
    for (int n = 0; n < perSender; n++) expected += (long) senders * (1_000 + n);
    assertEquals(expected, chain.balance(sink));
    for (Ed25519KeyPair key : keys) {
      assertEquals(perSender, chain.nonce(key.address()));
      long spent = 0;
      for (int n = 0; n < perSender; n++) spent += 1_000 + n + chain.minFee();
      assertEquals(Amount.parse("10") - spent, chain.balance(key.address()));
    }
  }

  @Test
  void jsonRpcBatchAnswersEveryCallById() throws Exception {
    String body = "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_chainId\"},"
        + "{\"jsonrpc\":\"2.0\",\"id\":\"two\",\"method\":\"bcos_status\",\"params\":[]},"
        + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"bcos_noSuchMethod\"},"
        + "{\"jsonrpc\":\"2.0\",\"method\":\"bcos_status\"}]";
    JsonNode responses = JSON.readTree(InProcessNode.postRpc(chain.port(), body));

    assertTrue(responses.isArray());
    assertEquals(3, responses.size(), "a notification (no id) gets no response: " + responses);
    assertEquals(1, responses.get(0).path("id").asInt());
    assertEquals(chain.chainId(), responses.get(0).path("result").path("chainId").asText());
    assertEquals("two", responses.get(1).path("id").asText());
    assertTrue(responses.get(1).path("result").has("height"));
    assertEquals(3, responses.get(2).path("id").asInt());
    assertEquals(-32601, responses.get(2).path("error").path("code").asInt());
  }

  @Test
  void batchOverTheLimitIsRefusedWithLimitExceeded() throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      if (i > 0) body.append(',');
      body.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
          .append(",\"method\":\"bcos_chainId\"}");
    }
    JsonNode response = JSON.readTree(InProcessNode.postRpc(chain.port(), body + "]"));

    assertEquals(-32041, response.path("error").path("code").asInt(), response.toString());
    assertEquals("LIMIT_EXCEEDED", response.path("error").path("data").path("reason").asText());
  }

  @Test
  void batchAtTheLimitIsAnswered() throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 1000; i++) {
      if (i > 0) body.append(',');
      body.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i)
          .append(",\"method\":\"bcos_chainId\"}");
    }
    JsonNode response = JSON.readTree(InProcessNode.postRpc(chain.port(), body + "]"));
    assertEquals(1000, response.size());
  }

  @Test
  void invalidJsonIsAParseError() throws Exception {
    JsonNode response = JSON.readTree(InProcessNode.postRpc(chain.port(), "{\"jsonrpc\": \"2.0\","));
    assertEquals(-32700, response.path("error").path("code").asInt(), response.toString());
    assertEquals("PARSE_ERROR", response.path("error").path("data").path("reason").asText());
    assertTrue(response.path("id").isNull());
  }

  @Test
  void unknownMethodIsMethodNotFound() {
    RpcError e = assertThrows(RpcError.class, () -> chain.client().call("bcos_mine"));
    assertEquals(-32601, e.code());
    assertEquals("METHOD_NOT_FOUND", e.reason());
  }

  @Test
  void healthAndMetricsAnswer() throws Exception {
    chain.fund(InProcessNode.freshKey().address(), 5);

    JsonNode health = JSON.readTree(InProcessNode.get(chain.port(), "/health"));
    // "degraded" only names warnings (DISK_SPACE_LOW on a nearly full CI disk); get() saw a 200
    String status = health.path("status").asText();
    assertTrue(status.equals("ok") || status.equals("degraded")
        && health.path("faults").toString().contains("DISK_SPACE_LOW"), health.toString());
    assertTrue(health.path("faults").isArray(), health.toString());
    assertTrue(health.path("height").asLong() >= 1, health.toString());
    String metrics = InProcessNode.get(chain.port(), "/metrics");
    assertTrue(metrics.contains("bcos_chain_height"), metrics);
    assertTrue(metrics.lines().anyMatch(l -> l.startsWith("bcos_chain_height ")
        && Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()) >= 1), metrics);
  }

  @Test
  void webSocketDeliversNewBlocksAndExactlyOneTxFinal() throws Exception {
    WsListener listener = new WsListener();
    try (HttpClient http = HttpClient.newHttpClient()) {
      WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + chain.port() + "/ws"), listener)
          .get(10, TimeUnit.SECONDS);
      try {
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_subscribe\","
            + "\"params\":[\"newBlocks\"]}", true).get(5, TimeUnit.SECONDS);
        String blocksId = listener.response(1).path("result").asText();
        assertFalse(blocksId.isEmpty());
        long previous = -1;
        for (int i = 0; i < 3; i++) {
          JsonNode note = listener.notification(blocksId);
          long height = note.path("height").asLong();
          assertTrue(height > previous, "heights increase: " + note);
          previous = height;
        }

        Transaction tx = chain.transfer(chain.dev, 0, InProcessNode.freshKey().address(), 3);
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"bcos_subscribe\","
            + "\"params\":[\"txFinal\",\"" + tx.hash().toHex() + "\"]}", true)
            .get(5, TimeUnit.SECONDS);
        String txId = listener.response(2).path("result").asText();
        chain.client().send(tx);
        JsonNode fin = listener.notification(txId);
        assertEquals(tx.hash().toHex(), fin.path("hash").asText());
        assertEquals("final", fin.path("status").asText());
        assertEquals(chain.client().transaction(tx.hash()).path("height").asLong(),
            fin.path("height").asLong());

        // several more blocks pass: the txFinal subscription must not fire again
        long seenHeight = fin.path("height").asLong();
        for (int i = 0; i < 50
            && listener.notification(blocksId).path("height").asLong() < seenHeight + 3; i++) {
          // wait for three more blocks
        }
        assertEquals(0, listener.countFor(txId), "exactly one txFinal notification");
      } finally {
        ws.abort();
      }
    }
  }

  @Test
  void txFinalForAnAlreadyFinalTransactionAnswersTheIdFirstThenNotifiesOnce() throws Exception {
    Transaction tx = chain.transfer(chain.dev, 0, InProcessNode.freshKey().address(), 3);
    long height = chain.awaitFinal(chain.client().send(tx)).path("height").asLong();
    WsListener listener = new WsListener();
    try (HttpClient http = HttpClient.newHttpClient()) {
      WebSocket ws = http.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + chain.port() + "/ws"), listener)
          .get(10, TimeUnit.SECONDS);
      try {
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"bcos_subscribe\","
            + "\"params\":[\"txFinal\",\"" + tx.hash().toHex() + "\"]}", true)
            .get(5, TimeUnit.SECONDS);
        JsonNode first = listener.nextFrame();
        assertEquals(7, first.path("id").asInt(), "the subscription id comes first: " + first);
        String id = first.path("result").asText();
        JsonNode fin = listener.notification(id);
        assertEquals(height, fin.path("height").asLong());
        Thread.sleep(3 * InProcessNode.BLOCK_INTERVAL_MILLIS);
        assertEquals(0, listener.countFor(id));
      } finally {
        ws.abort();
      }
    }
  }

  @Test
  void webSocketSubscriptionsPerConnectionAreLimited() throws Exception {
    WsListener listener = new WsListener();
    int limit = NodeConfig.RpcLimits.DEFAULT.maxWsSubscriptions();
    try (HttpClient http = HttpClient.newHttpClient()) {
      WebSocket ws = http.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + chain.port() + "/ws"), listener)
          .get(10, TimeUnit.SECONDS);
      try {
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"bcos_subscribe\","
            + "\"params\":[\"everything\"]}", true).get(5, TimeUnit.SECONDS);
        assertEquals(-32602, listener.response(0).path("error").path("code").asInt());
        for (int i = 1; i <= limit + 1; i++) {
          ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"bcos_subscribe\","
              + "\"params\":[\"newBlocks\"]}", true).get(5, TimeUnit.SECONDS);
          JsonNode response = listener.response(i);
          if (i <= limit) {
            assertTrue(response.path("result").isTextual(), response.toString());
          } else {
            assertEquals(-32041, response.path("error").path("code").asInt(), response.toString());
          }
        }
      } finally {
        ws.abort();
      }
    }
  }

  @Test
  void badParametersAreInvalidParams() {
    RpcError address = assertThrows(RpcError.class,
        () -> chain.client().call("bcos_getAccount", "dd1notanaddress"));
    assertEquals(-32602, address.code());
    assertEquals("INVALID_PARAMS", address.reason());
    RpcError hash = assertThrows(RpcError.class,
        () -> chain.client().call("bcos_getTransaction", "abc"));
    assertEquals(-32602, hash.code());
    RpcError missing = assertThrows(RpcError.class,
        () -> chain.client().call("bcos_sendRawTransaction"));
    assertEquals(-32602, missing.code());
    RpcError unknownTx = assertThrows(RpcError.class,
        () -> chain.client().transaction(Hash.ZERO));
    assertEquals(-32040, unknownTx.code());
    assertEquals("NOT_FOUND", unknownTx.reason());
  }

  @Test
  void sendRawTransactionsOverTheLimitIsRefused() {
    String[] hexes = new String[1001];
    java.util.Arrays.fill(hexes, "00");
    RpcError e = assertThrows(RpcError.class,
        () -> chain.client().call("bcos_sendRawTransactions", (Object) hexes));
    assertEquals(-32041, e.code());
    assertEquals("LIMIT_EXCEEDED", e.reason());
  }

  @Test
  void restartKeepsHeightAndBalances() throws Exception {
    Address to = InProcessNode.freshKey().address();
    chain.fund(to, 123_456);
    long devBalance = chain.balance(chain.dev.address());
    long validatorBalance = chain.balance(chain.validator());
    JsonNode head = chain.client().block("latest", false);

    chain.restart();

    assertTrue(chain.height() >= head.path("height").asLong());
    assertEquals(head, chain.client().block(head.path("hash").asText(), false));
    assertEquals(123_456, chain.balance(to));
    assertEquals(devBalance, chain.balance(chain.dev.address()));
    assertEquals(validatorBalance, chain.balance(chain.validator()));
    assertEquals(1, chain.nonce(chain.dev.address()));
    // the restarted node keeps producing blocks and accepting transfers
    chain.fund(to, 1);
    assertEquals(123_457, chain.balance(to));
  }

  @Test
  void webSocketStreamsDvsTallyThenTheFinalResultOnce() throws Exception {
    org.bcos.client.BcosClient client = chain.client();
    long expiry = chain.height() + 1000;
    Transaction create = org.bcos.client.Transactions.build(chain.chainId(), chain.dev, 0,
        chain.minFee(), expiry, new org.bcos.ledger.dvs.api.DvsCreateCommunity("ws test",
            new org.bcos.ledger.dvs.api.DvsParams(org.bcos.ledger.dvs.api.DvsParams.MEMBERS, 1, 0, 0, 8, 0,
                0, 8, 1, 0, false)));
    JsonNode created = chain.awaitFinal(client.send(create));
    long community = client.call("dvs_createdBy", chain.dev.address().toString(),
        created.path("height").asLong()).path("communities").get(0).asLong();
    chain.awaitFinal(client.send(org.bcos.client.Transactions.build(chain.chainId(), chain.dev,
        1, chain.minFee(), expiry, new org.bcos.ledger.dvs.api.DvsSetMember(community,
            chain.dev.address(), 1))));
    JsonNode issueTx = chain.awaitFinal(client.send(org.bcos.client.Transactions.build(
        chain.chainId(), chain.dev, 2, chain.minFee(), expiry,
        new org.bcos.ledger.dvs.api.DvsCreateIssue(community, 0, false,
            org.bcos.ledger.dvs.api.DvsRules.of(org.bcos.ledger.dvs.api.DvsMessages.Method.SINGLE_CHOICE),
            List.of("tram", "bus"), chain.dev.address(), 0))));
    long issue = client.call("dvs_createdBy", chain.dev.address().toString(),
        issueTx.path("height").asLong()).path("issues").get(0).asLong();
    WsListener listener = new WsListener();
    try (HttpClient http = HttpClient.newHttpClient()) {
      WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + chain.port() + "/ws"), listener)
          .get(10, TimeUnit.SECONDS);
      try {
        ws.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"bcos_subscribe\","
            + "\"params\":[\"dvsTally\"," + issue + "]}", true).get(5, TimeUnit.SECONDS);
        String sub = listener.response(1).path("result").asText();
        assertFalse(sub.isEmpty());
        client.send(org.bcos.client.Transactions.build(chain.chainId(), chain.dev, 3,
            chain.minFee(), expiry, new org.bcos.ledger.dvs.api.DvsCastBallot(issue, List.of(
                new org.bcos.ledger.dvs.api.DvsBallotPart(0, new long[] {1})))));
        JsonNode tally = listener.notification(sub);
        for (int i = 0; i < 40 && tally.path("ballots").asLong() == 0; i++) {
          tally = listener.notification(sub);
        }
        assertEquals(1, tally.path("ballots").asLong(), tally.toString());
        assertEquals(1, tally.path("totals").get(1).asLong());
        while (!tally.path("final").asBoolean()) tally = listener.notification(sub);
        assertEquals("DECIDED", tally.path("outcome").asText());
        assertEquals(1, tally.path("winners").get(0).asInt());
        long closedAt = tally.path("height").asLong();
        for (int i = 0; i < 50 && chain.height() < closedAt + 3; i++) Thread.sleep(100);
        assertEquals(0, listener.countFor(sub), "the final result is sent once, then it ends");
      } finally {
        ws.abort();
      }
    }
  }

  /** Collects WebSocket frames: responses by id, notifications by subscription id. */
  private static final class WsListener implements WebSocket.Listener {
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> held = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    JsonNode nextFrame() throws InterruptedException {
      return next(n -> true);
    }

    JsonNode response(int id) throws InterruptedException {
      return next(n -> n.path("id").asInt(-1) == id && !n.has("method"));
    }

    /** The next notification's result for {@code subscription}. */
    JsonNode notification(String subscription) throws InterruptedException {
      return next(n -> subscription.equals(n.path("params").path("subscription").asText()))
          .path("params").path("result");
    }

    int countFor(String subscription) {
      frames.drainTo(held);
      return (int) held.stream()
          .filter(n -> subscription.equals(n.path("params").path("subscription").asText()))
          .count();
    }

    private JsonNode next(java.util.function.Predicate<JsonNode> wanted)
        throws InterruptedException {
      for (int i = 0; i < held.size(); i++) {
        if (wanted.test(held.get(i))) return held.remove(i);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        JsonNode n = frames.poll(200, TimeUnit.MILLISECONDS);
        if (n == null) continue;
        if (wanted.test(n)) return n;
        held.add(n);
      }
      throw new AssertionError("no matching WebSocket frame within 15 s; held: " + held);
    }
  }
}
