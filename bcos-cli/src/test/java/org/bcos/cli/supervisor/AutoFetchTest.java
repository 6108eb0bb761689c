package org.bcos.cli.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bcos.cli.supervisor.AutoFetch.Outcome;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.node.release.ReleaseStore;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The polling decision of {@code --auto-fetch} against a fake of the child's RPC (the seam) and
 * a real release store: what is fetched, when, how often, and what is said.
 */
class AutoFetchTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] ARTIFACT = "a release".getBytes(StandardCharsets.UTF_8);

  @TempDir Path data;
  private final ByteArrayOutputStream said = new ByteArrayOutputStream();
  private final FakeRpc rpc = new FakeRpc();

  /** The child's RPC: answers {@link #status} (or throws {@link #down}) and counts fetches. */
  private static final class FakeRpc implements AutoFetch.UpgradeRpc {
    JsonNode status;
    RuntimeException down;
    RuntimeException fetchRefusal;
    final List<String> calls = new ArrayList<>();

    @Override
    public JsonNode status() {
      calls.add("status");
      if (down != null) throw down;
      return status;
    }

    @Override
    public JsonNode fetch() {
      calls.add("fetch");
      if (fetchRefusal != null) throw fetchRefusal;
      return JSON.createObjectNode().put("state", "WAITING_FOR_PEERS");
    }

    long fetches() {
      return calls.stream().filter("fetch"::equals).count();
    }
  }

  private AutoFetch poller() {
    return new AutoFetch(rpc, ReleaseStore.of(data), new PrintStream(said, true,
        StandardCharsets.UTF_8));
  }

  private String said() {
    return said.toString(StandardCharsets.UTF_8);
  }

  private static Hash release() {
    try {
      return Hash.wrap(java.security.MessageDigest.getInstance("SHA-256").digest(ARTIFACT));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code upgrade_status} with one plan, scheduled or (genesis) planned. */
  private static JsonNode status(boolean scheduled, boolean supported) throws IOException {
    String plan = "{\"name\":\"v3\",\"version\":3,\"release\":\"" + release().toHex()
        + "\",\"height\":100,\"supported\":" + supported + ",\"releaseStored\":false}";
    return JSON.readTree(scheduled ? "{\"height\":5,\"version\":2,\"scheduled\":" + plan
        + ",\"planned\":[],\"applied\":[]}"
        : "{\"height\":5,\"version\":2,\"planned\":[" + plan + "],\"applied\":[]}");
  }

  @Test
  void aPlanTheSoftwareHasIsNotFetched() throws IOException {
    rpc.status = status(true, true);
    AutoFetch poller = poller();
    assertEquals(Outcome.SUPPORTED, poller.poll());
    assertEquals(Outcome.SUPPORTED, poller.poll());
    assertEquals(0, rpc.fetches());
    assertEquals("", said());
  }

  @Test
  void noPlanFetchesNothing() throws IOException {
    rpc.status = JSON.readTree("{\"height\":5,\"version\":2,\"planned\":[],\"applied\":[]}");
    assertEquals(Outcome.NO_PLAN, poller().poll());
    assertEquals(0, rpc.fetches());
  }

  @Test
  void aLackedPlanWhoseArtifactIsStoredIsNotFetchedAndSaidOnce() throws IOException {
    rpc.status = status(true, false);
    assertTrue(ReleaseStore.of(data).put(new ByteArrayInputStream(ARTIFACT), release()).stored());
    AutoFetch poller = poller();
    assertEquals(Outcome.PRESENT, poller.poll());
    assertEquals(Outcome.PRESENT, poller.poll());
    assertEquals(0, rpc.fetches());
    assertEquals(1, said().lines().filter(l -> l.equals("bcos supervisor: release "
        + release().toHex() + " of upgrade \"v3\" (version 3 at height 100) is in the release "
        + "store")).count(), said());
  }

  @Test
  void aLackedPlanWithoutItsArtifactIsFetchedOnceWhileInFlightThenSaidPresent()
      throws IOException {
    rpc.status = status(false, false); // a genesis plan: upgrade_fetch takes it too
    AutoFetch poller = poller();
    assertEquals(Outcome.FETCH_STARTED, poller.poll());
    for (int i = 1; i < AutoFetch.FOLLOW_UP_POLLS; i++) {
      assertEquals(Outcome.IN_FLIGHT, poller.poll(), "poll " + i);
    }
    assertEquals(1, rpc.fetches());
    assertEquals(1, said().lines().filter(l -> l.startsWith("bcos supervisor: fetching release "
        + release().toHex() + " of upgrade \"v3\" (version 3 at height 100")).count(), said());
    assertEquals(Outcome.FETCH_STARTED, poller.poll(), "asked again after the follow-up polls");
    assertEquals(2, rpc.fetches());
    assertEquals(1, said().lines().filter(l -> l.contains("fetching release")).count(), said());

    assertTrue(ReleaseStore.of(data).put(new ByteArrayInputStream(ARTIFACT), release()).stored());
    assertEquals(Outcome.PRESENT, poller.poll());
    assertTrue(said().contains("is in the release store"), said());
    assertEquals(2, rpc.fetches());
  }

  @Test
  void anRpcThatIsDownIsAskedAgainSaidOnceAndThenTheFetchHappens() throws IOException {
    rpc.down = new BcosClient.UnreachableException("cannot reach a bcos node at "
        + "http://127.0.0.1:1/rpc: connection refused", null);
    AutoFetch poller = poller();
    for (int i = 0; i < 3; i++) assertEquals(Outcome.RPC_DOWN, poller.poll());
    assertEquals(List.of("status", "status", "status"), rpc.calls, "only asked, never more");
    assertEquals(1, said().lines().filter(l -> l.contains("cannot ask the node for "
        + "upgrade_status (cannot reach a bcos node at http://127.0.0.1:1/rpc: connection "
        + "refused)")).count(), said());
    rpc.down = null;
    rpc.status = status(true, false);
    assertEquals(Outcome.FETCH_STARTED, poller.poll());
    assertTrue(said().contains("the node answers upgrade_status"), said());
    assertEquals(1, rpc.fetches());
  }

  @Test
  void aRefusedFetchIsSaidOnceByNameAndAskedAgain() throws IOException {
    rpc.status = status(true, false);
    rpc.fetchRefusal = new RpcError(-32046, "P2P_DISABLED", "this node runs without P2P");
    AutoFetch poller = poller();
    assertEquals(Outcome.FETCH_REFUSED, poller.poll());
    assertEquals(Outcome.FETCH_REFUSED, poller.poll());
    assertEquals(2, rpc.fetches());
    assertEquals(1, said().lines().filter(l -> l.contains("upgrade_fetch refused: P2P_DISABLED: "
        + "this node runs without P2P")).count(), said());
  }
}
