package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.TxRoot;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.WriteBatch;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Read-side DVS commands: live tally, final result, client-side recount, ballot proof. */
final class DvsQueryCommands {
  private DvsQueryCommands() {}

  static void print(CommonOptions common, JsonNode node) {
    if (common.json) Output.json(System.out, node); else Output.human(System.out, node);
  }

  /** A command that prints what one RPC method answers for an id. */
  abstract static class ById implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ID") long id;

    abstract String method();

    @Override
    public Integer call() {
      print(common, common.client().call(method(), id));
      return 0;
    }
  }

  /**
   * A tally or result: JSON as answered, or {@link DvsResultText} for people; with --ranking,
   * --matrix or --rounds also the full ranking ({@code dvs_ranking}), added to the JSON as new
   * fields (the answer's own fields are kept as they are).
   */
  abstract static class Count extends ById {
    @Option(names = "--ranking", description = "also the full ranking: every option by place "
        + "(ties share a place, marked =)") boolean ranking;
    @Option(names = "--matrix", description = "Schulze: also the pairwise preferences d and "
        + "the strongest paths p, option by option (implies --ranking)") boolean matrix;
    @Option(names = "--rounds", description = "IRV: also every round: counts, who was "
        + "eliminated and why, where the ballots went (implies --ranking)") boolean rounds;

    @Override
    public Integer call() {
      JsonNode tally = common.client().call(method(), id);
      JsonNode full = ranking || matrix || rounds ? ranking() : null;
      if (common.json) Output.json(System.out, full == null ? tally : merged(tally, full));
      else DvsResultText.print(System.out, common.client(), forPeople(tally), full, matrix, rounds);
      return 0;
    }

    /** What the readable form prints: the answer itself, unless a subclass adds to it. */
    JsonNode forPeople(JsonNode answer) {
      return answer;
    }

    /** The {@code dvs_ranking} answer; --matrix and --rounds only where the method has them. */
    JsonNode ranking() {
      JsonNode full = common.client().call("dvs_ranking", id, matrix);
      String method = full.path("method").asText();
      if (matrix && !method.equals("SCHULZE")) {
        throw new CliException("INVALID_ARGUMENT", "--matrix is for Schulze issues; issue " + id
            + " uses " + method.toLowerCase(java.util.Locale.ROOT));
      }
      if (rounds && !method.equals("IRV")) {
        throw new CliException("INVALID_ARGUMENT", "--rounds is for IRV issues; issue " + id
            + " uses " + method.toLowerCase(java.util.Locale.ROOT));
      }
      return full;
    }

    /** The tally with the ranking's fields it does not have already. */
    private static JsonNode merged(JsonNode tally, JsonNode full) {
      ObjectNode out = ((ObjectNode) tally).deepCopy();
      full.properties().forEach(f -> {
        if (!out.has(f.getKey())) out.set(f.getKey(), f.getValue());
      });
      return out;
    }
  }

  @Command(name = "tally", description = "Live tally of an issue in its voting phase "
      + "(--follow: every block's, until the final result)")
  static final class Tally extends Count {
    @Option(names = "--follow", description = "print each block's tally (WebSocket) until the "
        + "final result or --timeout") boolean follow;
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "stop following after this long (default 600)") long timeoutSeconds;

    @Override
    public Integer call() {
      if (!follow) return super.call();
      if (ranking || matrix || rounds) {
        throw new CliException("INVALID_ARGUMENT", "--ranking, --matrix and --rounds show one "
            + "count; leave out --follow, or follow without them");
      }
      try {
        show(common.client().call(method(), id));
      } catch (org.bcos.client.RpcError e) {
        if (!"NOT_VOTING".equals(e.reason())) throw e;
        System.err.println("issue " + id + " is not in voting yet; waiting for it");
      }
      boolean done;
      try {
        done = TallyFollower.follow(common.url(), id, java.time.Duration.ofSeconds(
            timeoutSeconds), this::show);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
      if (!done) System.err.println("stopped following after " + timeoutSeconds + " s");
      return 0;
    }

    /** One tally: a line of JSON each (--json), or the readable form after a blank line. */
    private void show(JsonNode tally) {
      if (common.json) {
        System.out.println(tally.toString());
        return;
      }
      System.out.println();
      DvsResultText.print(System.out, common.client(), tally);
    }

    @Override
    String method() {
      return "dvs_tally";
    }
  }

  @Command(name = "result", description = "The final result stored on chain")
  static final class Result extends Count {
    @Override
    String method() {
      return "dvs_result";
    }

    /**
     * The stored result with its regions' electorates and turnout, which {@code dvs_tally} adds
     * for a closed issue (from a recount); the stored result alone when it does not (--json is
     * always dvs_result's answer as is).
     */
    @Override
    JsonNode forPeople(JsonNode stored) {
      JsonNode counted = common.client().call("dvs_tally", id);
      boolean same = counted.path("final").asBoolean()
          && counted.path("ballotsRoot").equals(stored.path("ballotsRoot"));
      return same ? counted : stored;
    }
  }

  @Command(name = "recount", description = "Recount a closed issue here, from the raw ballots, "
      + "electorate and delegations fetched from the chain; says whether it matches")
  static final class Recount implements Callable<Integer> {
    /** The DVS module's state columns: the raw data names each by column name. */
    private static final List<Column> DVS_COLUMNS = Modules.STANDARD.module("dvs")
        .orElseThrow().schema().columns();

    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ISSUE") long issue;

    @Override
    public Integer call() {
      JsonNode raw = common.client().call("dvs_rawIssueData", issue);
      if (!raw.has("result")) {
        throw new CliException("NOT_CLOSED", "issue " + issue + " has no final result yet");
      }
      IssueTally stored = IssueTally.decode(Hex.decode(raw.path("result").asText()));
      IssueTally recounted = recount(raw, issue, stored.height());
      boolean match = recounted.asFinal(recounted.outcome(), stored.action()).equals(stored);
      ObjectNode out = Output.object().put("issue", issue).put("match", match)
          .put("storedOutcome", stored.outcome().name())
          .put("recountedOutcome", recounted.outcome().name())
          .put("ballots", recounted.ballots()).put("countedWeight", recounted.countedWeight())
          .put("ballotsRoot", recounted.ballotsRoot().toHex());
      print(common, out);
      if (!match) throw new CliException("RECOUNT_MISMATCH", "the recount differs from the "
          + "result stored on chain");
      return 0;
    }

    /** Rebuilds the issue's state in memory from the raw entries and counts it. */
    static IssueTally recount(JsonNode raw, long issue, long height) {
      InMemoryStore store = new InMemoryStore();
      WriteBatch batch = new WriteBatch();
      for (Column column : DVS_COLUMNS) {
        for (JsonNode entry : raw.path(column.name())) {
          String[] kv = entry.asText().split(":", 2);
          batch.put(column, Hex.decode(kv[0]), Hex.decode(kv[1]));
        }
      }
      store.commit(batch);
      return Modules.STANDARD.api(DvsApi.class, new WorkingState(store))
          .count(issue, height, true)
          .orElseThrow(() -> new CliException("NOT_FOUND", "no issue"));
    }
  }

  @Command(name = "proof", description = "Merkle proof that a voter's ballot is counted")
  static final class Proof implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ISSUE") long issue;
    @Option(names = "--voter", required = true, description = "dd1… or key name") String voter;

    @Override
    public Integer call() {
      Address who = Keys.resolve(voter);
      JsonNode p = common.client().call("dvs_proof", issue, who.toString());
      List<DvsBallotPart> parts = new ArrayList<>();
      for (JsonNode part : p.path("parts")) {
        long[] values = new long[part.path("values").size()];
        for (int i = 0; i < values.length; i++) values[i] = part.path("values").get(i).asLong();
        parts.add(new DvsBallotPart(part.path("weight").asLong(), values));
      }
      List<Hash> path = new ArrayList<>();
      p.path("path").forEach(h -> path.add(Hash.fromHex(h.asText())));
      Hash root = Hash.fromHex(p.path("ballotsRoot").asText());
      boolean verified = TxRoot.verify(root, DvsBallotPart.ballotLeaf(who, parts),
          p.path("index").asInt(), p.path("size").asInt(), path);
      String stored = "";
      try {
        stored = common.client().call("dvs_result", issue).path("ballotsRoot").asText();
      } catch (org.bcos.client.RpcError e) {
        if (!"NOT_FOUND".equals(e.reason())) throw e;
      }
      boolean matchesResult = stored.isEmpty() || stored.equals(root.toHex());
      ObjectNode out = Output.object().put("issue", issue).put("voter", who.toString())
          .put("ballotsRoot", root.toHex()).put("pathLength", path.size())
          .put("verified", verified).put("matchesFinalResult", matchesResult);
      print(common, out);
      if (!verified || !matchesResult) {
        throw new CliException("PROOF_INVALID", "the ballot proof does not verify");
      }
      return 0;
    }
  }
}
