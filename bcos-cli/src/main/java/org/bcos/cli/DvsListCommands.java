package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bcos.types.Address;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Discovery: {@code bcos dvs community|issue|member|area|initiative list}, {@code dvs ballot} and
 * {@code dvs delegation list}. Tables for people, the RPC answer unchanged with {@code --json}.
 */
final class DvsListCommands {
  private static final List<String> PHASES =
      List.of("ADMISSION", "DISCUSSION", "VERIFICATION", "VOTING", "CLOSED");

  private DvsListCommands() {}

  /** A paged list: an RPC method, its fixed parameters, then {@code --limit}, {@code --cursor}. */
  abstract static class PagedList implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--limit", paramLabel = "N", description = "items per page (1..200,"
        + " default 20)") Integer limit;
    @Option(names = "--cursor", paramLabel = "C", description = "the next-page cursor a previous"
        + " call printed") String cursor;

    abstract String method();

    abstract List<Object> fixedParams();

    abstract String field();

    abstract Table table();

    abstract void row(Table table, JsonNode item);

    @Override
    public Integer call() {
      JsonNode page = common.client().call(method(), Paging.params(fixedParams(), limit, cursor));
      if (common.json) {
        Output.json(System.out, page);
        return 0;
      }
      Table table = table();
      for (JsonNode item : page.path(field())) row(table, item);
      if (table.isEmpty()) System.out.println("none");
      else table.print(System.out);
      Paging.printNext(page);
      return 0;
    }
  }

  @Command(name = "list", description = "List the communities")
  static final class CommunityList extends PagedList {
    String method() {
      return "dvs_listCommunities";
    }

    List<Object> fixedParams() {
      return List.of();
    }

    String field() {
      return "communities";
    }

    Table table() {
      return new Table("ID", "NAME", "MEMBERS", "AREAS", "WEIGHT", "CREATED AT", "REGISTRAR");
    }

    void row(Table t, JsonNode c) {
      t.row(c.path("id").asText(), c.path("name").asText(), c.path("members").asText(),
          c.path("areas").asText(), c.path("totalWeight").asText(),
          "height " + c.path("createdHeight").asText(), c.path("registrar").asText());
    }
  }

  @Command(name = "list", description = "List issues, optionally of one community and in one"
      + " phase")
  static final class IssueList extends PagedList {
    @Option(names = "--community", paramLabel = "C", description = "only this community's")
    Long community;
    @Option(names = "--phase", paramLabel = "P", description = "only issues in this phase: "
        + "admission, discussion, verification, voting or closed") String phase;

    String method() {
      return "dvs_listIssues";
    }

    List<Object> fixedParams() {
      return Arrays.asList(community, phase == null ? null : phase(phase));
    }

    String field() {
      return "issues";
    }

    Table table() {
      return new Table("ID", "COMMUNITY", "AREA", "MODE", "PHASE", "UNTIL", "METHOD", "OPTIONS");
    }

    void row(Table t, JsonNode i) {
      List<String> options = new ArrayList<>();
      i.path("options").forEach(o -> options.add(o.path("text").asText()));
      t.row(i.path("id").asText(), i.path("community").asText(), i.path("area").asText(),
          i.path("mode").asText(), i.path("phase").asText(),
          "height " + i.path("phaseEnd").asText(), i.path("rules").path("method").asText(),
          String.join(" | ", options));
    }

    private static String phase(String name) {
      String upper = name.toUpperCase(Locale.ROOT);
      if (!PHASES.contains(upper)) {
        throw new CliException("INVALID_DVS_INPUT", "unknown phase '" + name + "': use one of "
            + String.join(", ", PHASES).toLowerCase(Locale.ROOT));
      }
      return upper;
    }
  }

  /** A list of one community's things: {@code COMMUNITY} is its one fixed parameter. */
  abstract static class OfCommunity extends PagedList {
    @Parameters(paramLabel = "COMMUNITY") long community;

    List<Object> fixedParams() {
      return List.of(community);
    }
  }

  @Command(name = "list", description = "List a community's members")
  static final class MemberList extends OfCommunity {
    String method() {
      return "dvs_listMembers";
    }

    String field() {
      return "members";
    }

    Table table() {
      return new Table("ADDRESS", "WEIGHT", "REGION", "REFUSES DELEGATIONS");
    }

    void row(Table t, JsonNode m) {
      t.row(m.path("address").asText(), m.path("weight").asText(),
          m.path("region").asText().isEmpty() ? "-" : m.path("region").asText(),
          m.path("refusesDelegations").asBoolean() ? "yes" : "no");
    }
  }

  @Command(name = "list", description = "List a community's areas (area 0 is the community)")
  static final class AreaList extends OfCommunity {
    String method() {
      return "dvs_listAreas";
    }

    String field() {
      return "areas";
    }

    Table table() {
      return new Table("ID", "PARENT", "NAME");
    }

    void row(Table t, JsonNode a) {
      t.row(a.path("id").asText(), a.path("id").asLong() == 0 ? "-" : a.path("parent").asText(),
          a.path("name").asText());
    }
  }

  @Command(name = "list", description = "List a community's delegations given by an account"
      + " (or, with --received, given to it)")
  static final class DelegationList extends PagedList {
    @Parameters(paramLabel = "COMMUNITY") long community;
    @Option(names = "--member", paramLabel = "NAME|ADDRESS", required = true,
        description = "whose delegations") String member;
    @Option(names = "--received", description = "the delegations others gave to the member")
    boolean received;

    String method() {
      return "dvs_listDelegations";
    }

    List<Object> fixedParams() {
      return List.of(community, Keys.resolve(member).toString(),
          received ? "received" : "given");
    }

    String field() {
      return "delegations";
    }

    Table table() {
      return new Table("FROM", "SCOPE", "TO");
    }

    void row(Table t, JsonNode d) {
      String scope = d.path("scope").asText().toLowerCase(Locale.ROOT);
      t.row(d.path("from").asText(), scope.equals("community") ? scope
          : scope + " " + d.path("scopeId").asText(), d.path("to").asText());
    }
  }

  @Command(name = "delegation", description = "list", subcommands = {DelegationList.class})
  static final class DelegationGroup {}

  @Command(name = "list", description = "List an issue's options (initiatives) and their"
      + " supporters")
  static final class InitiativeList implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ISSUE") long issue;
    @Option(names = "--supporter", paramLabel = "NAME|ADDRESS",
        description = "also say whether this account supports each option") String supporter;

    @Override
    public Integer call() {
      JsonNode answer = supporter == null ? common.client().call("dvs_listInitiatives", issue)
          : common.client().call("dvs_listInitiatives", issue, Keys.resolve(supporter).toString());
      if (common.json) {
        Output.json(System.out, answer);
        return 0;
      }
      System.out.println("issue " + issue + " (" + answer.path("phase").asText() + ")");
      List<String> header = new ArrayList<>(List.of("INDEX", "OPTION", "ON BALLOT", "SUPPORTERS"));
      if (supporter != null) header.add("SUPPORTED BY " + supporter);
      Table table = new Table(header.toArray(String[]::new));
      for (JsonNode i : answer.path("initiatives")) {
        List<String> cells = new ArrayList<>(List.of(i.path("index").asText(),
            i.path("text").asText(), i.path("onBallot").asBoolean() ? "yes" : "no",
            i.path("supporters").asText()));
        if (supporter != null) cells.add(i.path("supported").asBoolean() ? "yes" : "no");
        table.row(cells.toArray());
      }
      table.print(System.out);
      return 0;
    }
  }

  @Command(name = "ballot", description = "Show the ballot an account cast on an issue")
  static final class Ballot implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ISSUE") long issue;
    @Option(names = "--voter", paramLabel = "NAME|ADDRESS", required = true,
        description = "whose ballot") String voter;

    @Override
    public Integer call() {
      Address who = Keys.resolve(voter);
      JsonNode ballot = common.client().call("dvs_getBallot", issue, who.toString());
      if (common.json) {
        Output.json(System.out, ballot);
        return 0;
      }
      JsonNode shown = common.client().call("dvs_getIssue", issue);
      List<String> options = new ArrayList<>();
      shown.path("options").forEach(o -> options.add(o.path("text").asText()));
      String method = shown.path("rules").path("method").asText();
      System.out.println("ballot of " + who + " on issue " + issue);
      for (JsonNode part : ballot.path("parts")) {
        long weight = part.path("weight").asLong();
        System.out.println((weight == 0 ? "  " : "  weight " + weight + ": ")
            + BallotText.describe(method, options, part.path("values")));
      }
      return 0;
    }
  }
}
