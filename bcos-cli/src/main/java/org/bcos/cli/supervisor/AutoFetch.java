package org.bcos.cli.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.node.release.ReleaseStore;
import org.bcos.types.Hash;

/**
 * {@code bcos node --supervise --auto-fetch} (docs/GOVERNANCE.md "Supervisor mode"): while the
 * child runs, each {@link #poll} asks it for {@code upgrade_status} and, when the upgrade it
 * would fetch (the scheduled one, else the first planned one, as {@code upgrade_fetch} picks)
 * names a version its software lacks and a release the store does not hold, asks it once for
 * {@code upgrade_fetch}, so the artifact arrives from peers before the height. The artifact is
 * only hash-verified by the node; the supervisor's switch checks its {@code release.json}.
 *
 * <p>One instance follows one child: a new child (after a switch) gets a new one. An RPC that
 * fails is said once and asked again at the next poll; the child is never touched.
 */
public final class AutoFetch {
  /** The default time between two polls. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  /** The shortest time between two polls. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** The longest time between two polls. */
  public static final Duration MAX_INTERVAL = Duration.ofHours(1);
  /**
   * Polls after which a fetch still not stored is asked for again ({@code upgrade_fetch} then
   * reports its progress, logged, or starts it again if the node dropped it); not every poll, so
   * a fetch in flight is not asked for again and again.
   */
  public static final int FOLLOW_UP_POLLS = 10;

  /** The child's RPC as the poller needs it: the seam unit tests replace. */
  public interface UpgradeRpc {
    /** {@code upgrade_status}'s result. */
    JsonNode status();

    /** {@code upgrade_fetch}'s result. */
    JsonNode fetch();

    /** The child's RPC at {@code url}, through the SDK. */
    static UpgradeRpc at(String url) {
      BcosClient client = new BcosClient(url);
      return new UpgradeRpc() {
        @Override
        public JsonNode status() {
          return client.call("upgrade_status");
        }

        @Override
        public JsonNode fetch() {
          return client.call("upgrade_fetch");
        }

        @Override
        public String toString() {
          return url;
        }
      };
    }
  }

  /**
   * Auto-fetch as the supervisor runs it.
   *
   * @param rpc the child's RPC
   * @param interval the time between two polls, {@link #MIN_INTERVAL}..{@link #MAX_INTERVAL}
   *     (tests give shorter ones to the constructor of {@link ReleaseSupervisor.Settings})
   */
  public record Config(UpgradeRpc rpc, Duration interval) {
    public Config {
      if (interval.isNegative() || interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0) {
        throw new IllegalArgumentException("the auto-fetch interval must be above 0 and at most "
            + MAX_INTERVAL);
      }
    }
  }

  /** What one poll did (for the log and the tests). */
  public enum Outcome {
    /** {@code upgrade_status} failed; asked again next poll. */
    RPC_DOWN,
    /** No scheduled or planned upgrade. */
    NO_PLAN,
    /** The child's software has the plan's version: nothing to fetch. */
    SUPPORTED,
    /** The plan's artifact is in the store. */
    PRESENT,
    /** {@code upgrade_fetch} was called and started (or reported) the fetch. */
    FETCH_STARTED,
    /** A fetch this poller started is still in flight: not asked again. */
    IN_FLIGHT,
    /** {@code upgrade_fetch} was refused (e.g. {@code P2P_DISABLED}); asked again next poll. */
    FETCH_REFUSED
  }

  private final UpgradeRpc rpc;
  private final ReleaseStore store;
  private final PrintStream out;
  private Hash fetching;
  private int pollsSinceFetch;
  private Hash announcedPresent;
  private boolean statusDown;
  private String fetchProblem = "";

  public AutoFetch(UpgradeRpc rpc, ReleaseStore store, PrintStream out) {
    this.rpc = rpc;
    this.store = store;
    this.out = out;
  }

  /** The plan {@code upgrade_fetch} would fetch: the scheduled one, else the first planned. */
  public static JsonNode wantedPlan(JsonNode status) {
    JsonNode plan = status.path("scheduled");
    if (plan.isMissingNode() && !status.path("planned").isEmpty()) {
      plan = status.path("planned").get(0);
    }
    return plan;
  }

  /** One poll: looks, and fetches when needed. Never throws for an RPC failure. */
  public synchronized Outcome poll() {
    JsonNode status;
    try {
      status = rpc.status();
    } catch (RuntimeException e) { // BcosClient.UnreachableException, RpcError
      if (!statusDown) {
        out.println("bcos supervisor: auto-fetch: cannot ask the node for upgrade_status ("
            + e.getMessage() + "); asking again every poll");
      }
      statusDown = true;
      return Outcome.RPC_DOWN;
    }
    if (statusDown) out.println("bcos supervisor: auto-fetch: the node answers upgrade_status");
    statusDown = false;
    JsonNode plan = wantedPlan(status);
    if (plan.isMissingNode()) return Outcome.NO_PLAN;
    if (plan.path("supported").asBoolean(true)) return Outcome.SUPPORTED;
    Hash release = Hash.fromHex(plan.path("release").asText());
    if (store.has(release)) {
      if (!release.equals(announcedPresent)) {
        out.println("bcos supervisor: release " + release.toHex() + " of upgrade \""
            + plan.path("name").asText() + "\" (version " + plan.path("version").asLong()
            + " at height " + plan.path("height").asLong() + ") is in the release store");
        announcedPresent = release;
      }
      fetching = null;
      return Outcome.PRESENT;
    }
    if (release.equals(fetching) && ++pollsSinceFetch < FOLLOW_UP_POLLS) {
      return Outcome.IN_FLIGHT;
    }
    return fetch(release, plan);
  }

  private Outcome fetch(Hash release, JsonNode plan) {
    boolean followUp = release.equals(fetching);
    JsonNode answer;
    try {
      answer = rpc.fetch();
    } catch (RpcError e) {
      fetching = null;
      sayOnce("upgrade_fetch refused: " + e.reason() + ": " + e.getMessage() + "; asking again "
          + "at the next poll");
      return Outcome.FETCH_REFUSED;
    } catch (RuntimeException e) {
      fetching = null;
      sayOnce("cannot ask the node for upgrade_fetch (" + e.getMessage() + "); asking again at "
          + "the next poll");
      return Outcome.RPC_DOWN;
    }
    fetching = release;
    pollsSinceFetch = 0;
    if (!followUp) {
      fetchProblem = "";
      out.println("bcos supervisor: fetching release " + release.toHex() + " of upgrade \""
          + plan.path("name").asText() + "\" (version " + plan.path("version").asLong()
          + " at height " + plan.path("height").asLong() + ", which the node's software lacks) "
          + "from the node's peers: " + progress(answer));
    } else {
      out.println("bcos supervisor: auto-fetch: " + progress(answer));
    }
    return Outcome.FETCH_STARTED;
  }

  /** One line of an {@code upgrade_fetch} answer, as people read it. */
  public static String progress(JsonNode s) {
    String problem = s.path("problem").asText("");
    String where = switch (s.path("state").asText()) {
      case "WAITING_FOR_PEERS" -> "waiting: no connected peer announced release "
          + s.path("release").asText();
      case "FETCHING" -> "fetching release " + s.path("release").asText() + ": "
          + s.path("chunksDone").asLong() + "/" + s.path("chunks").asLong() + " chunks of "
          + s.path("size").asLong() + " bytes from " + s.path("peers").asLong() + " peer(s)";
      default -> s.path("state").asText();
    };
    return problem.isEmpty() ? where : where + "; " + problem;
  }

  /** Says a failure of the fetch once: the same words stay unsaid until a fetch answers. */
  private void sayOnce(String problem) {
    if (problem.equals(fetchProblem)) return;
    fetchProblem = problem;
    out.println("bcos supervisor: auto-fetch: " + problem);
  }
}
