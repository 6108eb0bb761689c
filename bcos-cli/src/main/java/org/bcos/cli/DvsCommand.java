package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.client.BcosClient;
import org.bcos.client.RpcError;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.types.Address;
import org.bcos.types.tx.Message;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bcos dvs …}: the Direct Voting System (docs/DVS.md). */
@Command(name = "dvs", description = "Direct Voting System: communities, delegation, issues, votes",
    subcommands = {DvsCommand.CommunityGroup.class, DvsCommand.AreaGroup.class,
        DvsCommand.MemberGroup.class, DvsCommand.Registrar.class, DvsCommand.Delegate.class, DvsCommand.Undelegate.class,
        DvsCommand.Refuse.class, DvsCommand.IssueGroup.class, DvsCommand.InitiativeGroup.class,
        DvsCommand.Support.class, DvsCommand.Vote.class, DvsQueryCommands.Tally.class,
        DvsQueryCommands.Result.class, DvsQueryCommands.Recount.class,
        DvsQueryCommands.Proof.class, DvsListCommands.Ballot.class,
        DvsListCommands.DelegationGroup.class})
final class DvsCommand {
  private DvsCommand() {}

  @Command(name = "community", description = "create | show | list",
      subcommands = {CommunityCreate.class, CommunityShow.class,
          DvsListCommands.CommunityList.class})
  static final class CommunityGroup {}

  @Command(name = "area", description = "add | list",
      subcommands = {AreaAdd.class, DvsListCommands.AreaList.class})
  static final class AreaGroup {}

  @Command(name = "member", description = "add | remove | attest | list",
      subcommands = {MemberSet.class, MemberRemove.class, MemberAttest.class,
          DvsListCommands.MemberList.class})
  static final class MemberGroup {}

  @Command(name = "registrar", description = "Registrars: add or --remove another registrar")
  static final class Registrar extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--account", required = true, description = "dd1… or key name")
    String account;
    @Option(names = "--remove") boolean remove;

    @Override
    Message message() {
      return new org.bcos.ledger.dvs.api.DvsSetRegistrar(community, Keys.resolve(account), !remove);
    }
  }

  @Command(name = "issue", description = "create | show | list",
      subcommands = {IssueCreate.class, IssueShow.class,
          DvsListCommands.IssueList.class})
  static final class IssueGroup {}

  @Command(name = "initiative", description = "add | list",
      subcommands = {InitiativeAdd.class, DvsListCommands.InitiativeList.class})
  static final class InitiativeGroup {}

  /**
   * A command that creates something with an id (community, issue, area, initiative): with
   * {@code --id-only} it prints just that id, for {@code C=$(bcos dvs community create …)}.
   */
  abstract static class CreateCommand extends TxCommand {
    @Option(names = "--id-only", description = "print only the new id (waits until final)")
    boolean idOnly;

    /** The output field holding the new id. */
    abstract String idField();

    @Override
    void print(ObjectNode out) {
      if (!idOnly) {
        super.print(out);
      } else if (out.has(idField())) {
        System.out.println(out.path(idField()).asLong());
      } else {
        throw new CliException("NO_ID", "no " + idField() + " id to print: the transaction is "
            + out.path("status").asText("not final") + " (--id-only waits; drop --no-wait)");
      }
    }
  }

  /**
   * Refuses at once, before any key is unlocked or stamp mined, a message the issue's current
   * phase cannot take: the node would refuse it at admission anyway (and a block would drop it
   * if the phase ended meanwhile), this only saves the wait and the work. An unknown issue is
   * UNKNOWN_ISSUE. A transaction signed offline is not checked here.
   */
  static void requirePhase(TxCommand command, long issueId, DvsRejection reason, String doing,
      Phase... allowed) {
    if (!command.mayAskNode()) return; // signed offline: the node checks at bcos submit
    CommonOptions common = command.common;
    JsonNode issue;
    try {
      issue = common.client().call("dvs_getIssue", issueId);
    } catch (RpcError e) {
      if (!e.reason().equals("NOT_FOUND")) throw e;
      throw new CliException("UNKNOWN_ISSUE", "there is no DVS issue " + issueId);
    }
    String phase = issue.path("phase").asText();
    for (Phase p : allowed) if (p.name().equals(phase)) return;
    throw CliException.rejected(reason, "issue " + issueId + " is " + phase
        + " (phase ends at block "
        + issue.path("phaseEnd").asLong() + "); " + doing + " needs "
        + java.util.Arrays.toString(allowed));
  }

  /** Adds the id of what a final creation made (one per sender and block, in practice). */
  static void created(CommonOptions common, ObjectNode out, String kind, String field) {
    if (!out.path("status").asText().equals("final")) return;
    var ids = common.client().call("dvs_createdBy", out.path("from").asText(),
        out.path("height").asLong()).path(kind);
    if (!ids.isEmpty()) out.put(field, ids.get(ids.size() - 1).asLong());
  }

  static int electorate(String name) {
    return switch (name) {
      case "members" -> DvsParams.MEMBERS;
      case "weighted" -> DvsParams.WEIGHTED;
      case "open" -> DvsParams.OPEN;
      default -> throw new CliException("INVALID_ARGUMENT",
          "--electorate is members, weighted or open");
    };
  }

  @Command(name = "create", description = "Create a community (you become registrar)")
  static final class CommunityCreate extends CreateCommand {
    @Override
    String idField() {
      return "community";
    }

    @Option(names = "--name", required = true) String name;
    @Option(names = "--electorate", defaultValue = "members",
        description = "members | weighted | open") String electorate;
    @Option(names = "--admission-blocks", defaultValue = "10") long admission;
    @Option(names = "--discussion-blocks", defaultValue = "10") long discussion;
    @Option(names = "--verification-blocks", defaultValue = "10") long verification;
    @Option(names = "--voting-blocks", defaultValue = "60") long voting;
    @Option(names = "--issue-quorum-bps", defaultValue = "1000") int issueQuorum;
    @Option(names = "--initiative-quorum-bps", defaultValue = "1000") int initiativeQuorum;
    @Option(names = "--max-chain", defaultValue = "8") int maxChain;
    @Option(names = "--min-cell", defaultValue = "5") int minCell;
    @Option(names = "--pow-bits", defaultValue = "16") int powBits;
    @Option(names = "--delegation-in-support") boolean delegationInSupport;

    @Override
    void describe(ObjectNode out) {
      created(common, out, "communities", "community");
    }

    @Override
    Message message() {
      try {
        return new DvsCreateCommunity(name, new DvsParams(electorate(electorate), admission,
            discussion, verification, voting, issueQuorum, initiativeQuorum, maxChain, minCell,
            powBits, delegationInSupport));
      } catch (IllegalArgumentException e) {
        throw new CliException("INVALID_DVS_INPUT", e.getMessage());
      }
    }
  }

  @Command(name = "show", description = "Show a community")
  static final class CommunityShow extends DvsQueryCommands.ById {
    @Override
    String method() {
      return "dvs_getCommunity";
    }
  }

  @Command(name = "add", description = "Add an area (topic or branch)")
  static final class AreaAdd extends CreateCommand {
    @Override
    String idField() {
      return "area";
    }

    @Option(names = "--community", required = true) long community;
    @Option(names = "--parent", defaultValue = "0") int parent;
    @Option(names = "--name", required = true) String name;

    @Override
    Message message() {
      return new DvsAddArea(community, parent, name);
    }

    /** Areas are numbered in order: the newest is the community's last, read back at once. */
    @Override
    void describe(ObjectNode out) {
      if (!out.path("status").asText().equals("final")) return;
      long areas = common.client().call("dvs_getCommunity", community).path("areas").asLong();
      if (areas > 1) out.put("area", areas - 1);
    }
  }

  @Command(name = "add", description = "Registrar: add a member or change its weight")
  static final class MemberSet extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--member", required = true, description = "dd1… or key name") String member;
    @Option(names = "--weight", defaultValue = "1", description = "weighted electorates: "
        + "shares; otherwise 1") long weight;

    @Override
    Message message() {
      return new DvsSetMember(community, Keys.resolve(member), weight);
    }
  }

  @Command(name = "remove", description = "Registrar: remove a member")
  static final class MemberRemove extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--member", required = true) String member;

    @Override
    Message message() {
      return new DvsSetMember(community, Keys.resolve(member), 0);
    }
  }

  @Command(name = "attest", description = "Registrar: attest a member's region")
  static final class MemberAttest extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--member", required = true) String member;
    @Option(names = "--region", required = true) String region;

    @Override
    Message message() {
      return new DvsAttest(community, Keys.resolve(member), "region", region);
    }
  }

  /** --area A or --issue I (neither: the whole community). */
  static final class ScopeOptions {
    @Option(names = "--area") Long area;
    @Option(names = "--issue") Long issue;

    Scope scope() {
      return issue != null ? Scope.ISSUE : area != null ? Scope.AREA : Scope.COMMUNITY;
    }

    long id() {
      return issue != null ? issue : area != null ? area : 0;
    }
  }

  @Command(name = "delegate", description = "Delegate your vote (community, --area or --issue)")
  static final class Delegate extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--to", required = true) String to;
    @ArgGroup(exclusive = true) ScopeOptions scope = new ScopeOptions();

    @Override
    Message message() {
      return new DvsDelegate(community, scope.scope(), scope.id(), Keys.resolve(to));
    }
  }

  @Command(name = "undelegate", description = "Revoke a delegation")
  static final class Undelegate extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @ArgGroup(exclusive = true) ScopeOptions scope = new ScopeOptions();

    @Override
    Message message() {
      return new DvsUndelegate(community, scope.scope(), scope.id());
    }
  }

  @Command(name = "refuse", description = "Refuse incoming delegations (--accept to undo)")
  static final class Refuse extends TxCommand {
    @Option(names = "--community", required = true) long community;
    @Option(names = "--accept") boolean accept;

    @Override
    Message message() {
      return new DvsRefuseDelegations(community, !accept);
    }
  }

  @Command(name = "create", description = "Raise an issue (poll or deliberative)")
  static final class IssueCreate extends CreateCommand {
    @Override
    String idField() {
      return "issue";
    }

    @Option(names = "--community", required = true) long community;
    @Option(names = "--area", defaultValue = "0") int area;
    @Option(names = "--mode", defaultValue = "poll", description = "poll | deliberative")
    String mode;
    @Option(names = "--method", required = true, description = "yes-no | single | approval | "
        + "schulze | irv | score | quadratic") String method;
    @Option(names = "--option", required = true, description = "an option (repeat)")
    List<String> options;
    @Option(names = "--quorum-bps", defaultValue = "0") int quorum;
    @Option(names = "--threshold-bps", defaultValue = "5000") int threshold;
    @Option(names = "--veto-bps", defaultValue = "0") int veto;
    @Option(names = "--max-score", defaultValue = "10") int maxScore;
    @Option(names = "--voice-credits", defaultValue = "100") long credits;
    @Option(names = "--pay-to", description = "if it passes, pay from the treasury to") String payTo;
    @Option(names = "--pay", description = "DDC paid if it passes") String pay;

    @Override
    void describe(ObjectNode out) {
      created(common, out, "issues", "issue");
    }

    @Override
    Message message() {
      Method m = switch (method) {
        case "yes-no" -> Method.YES_NO;
        case "single" -> Method.SINGLE_CHOICE;
        case "approval" -> Method.APPROVAL;
        case "schulze" -> Method.SCHULZE;
        case "irv" -> Method.IRV;
        case "score" -> Method.SCORE;
        case "quadratic" -> Method.QUADRATIC;
        default -> throw new CliException("INVALID_ARGUMENT", "unknown --method " + method);
      };
      if (!mode.equals("poll") && !mode.equals("deliberative")) {
        throw new CliException("INVALID_ARGUMENT", "--mode is poll or deliberative");
      }
      long payUnits = pay == null ? 0 : SendCommand.parseAmount(pay, "--pay");
      Address payee = payTo == null ? Address.wrap(new byte[32]) : Keys.resolve(payTo);
      try {
        return new DvsCreateIssue(community, area, mode.equals("deliberative"),
            new DvsRules(m, quorum, threshold, veto, maxScore, credits), options, payee,
            payUnits);
      } catch (IllegalArgumentException e) {
        throw new CliException("INVALID_DVS_INPUT", e.getMessage());
      }
    }
  }

  @Command(name = "show", description = "Show an issue (--wait-phase: once it is in that phase)")
  static final class IssueShow extends DvsQueryCommands.ById {
    @Option(names = "--wait-phase", paramLabel = "PHASE", description = "wait until the issue "
        + "is in PHASE or a later one (ADMISSION, DISCUSSION, VERIFICATION, VOTING, CLOSED)")
    Phase waitPhase;
    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
        description = "with --wait-phase: give up after this long (default 120): TIMEOUT")
    long timeoutSeconds;

    @Override
    String method() {
      return "dvs_getIssue";
    }

    @Override
    public Integer call() {
      if (waitPhase == null) return super.call();
      var client = common.client();
      try {
        DvsQueryCommands.print(common, WaitCommand.until(WaitCommand.timeout(timeoutSeconds),
            "issue " + id + " to reach " + waitPhase, () -> reached(client, client.call(method(), id))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("INTERRUPTED", "stopped waiting for issue " + id);
      }
      return 0;
    }

    /**
     * The issue once it is in the awaited phase or later; a closed issue that never got there
     * (not admitted, no initiative qualified) ends the wait with PHASE_NOT_REACHED.
     */
    private Optional<JsonNode> reached(BcosClient client, JsonNode issue) {
      Phase now = Phase.valueOf(issue.path("phase").asText());
      if (now.compareTo(waitPhase) < 0) return Optional.empty();
      if (now == Phase.CLOSED && waitPhase != Phase.CLOSED) {
        String outcome = client.call("dvs_result", id).path("outcome").asText();
        if (skipped(issue, outcome)) {
          throw new CliException("PHASE_NOT_REACHED", "issue " + id + " closed (" + outcome
              + ") without reaching " + waitPhase);
        }
      }
      return Optional.of(issue);
    }

    /**
     * Whether a closed issue closed early, before the awaited phase: one that never voted
     * (votingStart 0) missed VOTING, and one not admitted missed everything after ADMISSION.
     */
    private boolean skipped(JsonNode issue, String outcome) {
      boolean voted = issue.path("votingStart").asLong() > 0;
      return switch (waitPhase) {
        case VOTING -> !voted;
        case DISCUSSION, VERIFICATION -> outcome.equals("NOT_ADMITTED");
        case ADMISSION, CLOSED -> false;
      };
    }
  }

  @Command(name = "add", description = "Add a competing initiative")
  static final class InitiativeAdd extends CreateCommand {
    @Override
    String idField() {
      return "initiative";
    }

    @Option(names = "--issue", required = true) long issue;
    @Option(names = "--title", required = true) String title;

    @Override
    Message message() {
      requirePhase(this, issue, DvsRejection.WRONG_PHASE, "a new initiative", Phase.ADMISSION,
          Phase.DISCUSSION);
      return new DvsAddInitiative(issue, title);
    }

    /** The initiative's index: the issue's last option with this title, read back at once. */
    @Override
    void describe(ObjectNode out) {
      if (!out.path("status").asText().equals("final")) return;
      JsonNode options = common.client().call("dvs_getIssue", issue).path("options");
      for (int k = options.size() - 1; k >= 0; k--) {
        if (options.get(k).path("text").asText().equals(title)) {
          out.put("initiative", options.get(k).path("index").asInt());
          return;
        }
      }
    }
  }

  @Command(name = "support", description = "Support an initiative (--withdraw to stop)")
  static final class Support extends TxCommand {
    @Option(names = "--issue", required = true) long issue;
    @Option(names = "--initiative", required = true) int initiative;
    @Option(names = "--withdraw") boolean withdraw;

    @Override
    Message message() {
      requirePhase(this, issue, DvsRejection.WRONG_PHASE, "support", Phase.ADMISSION,
          Phase.DISCUSSION, Phase.VERIFICATION);
      return new DvsSupport(issue, initiative, !withdraw);
    }
  }

  @Command(name = "vote", description = "Cast (or replace) your ballot")
  static final class Vote extends TxCommand {
    @Option(names = "--issue", required = true) long issue;
    @Option(names = "--choice", description = "yes | no | abstain | veto (yes-no issues)")
    String choice;
    @Option(names = "--values", description = "comma-separated values: single {option}; "
        + "approval {options}; schulze/irv {rank per option, 1 = best, 0 = unranked[, status "
        + "quo]}; score {score per option}; quadratic {votes per option}") String values;
    @Option(names = "--rank", description = "schulze/irv by name, best first: \"Tram,Status quo\""
        + " (unnamed options stay unranked)") String rank;
    @Option(names = "--part", description = "weighted split: WEIGHT:VALUES (repeat); VALUES as "
        + "--values or a choice") List<String> parts;

    @Override
    Message message() {
      requirePhase(this, issue, DvsRejection.VOTING_CLOSED, "a ballot", Phase.VOTING);
      List<DvsBallotPart> list = new ArrayList<>();
      if (parts != null && !parts.isEmpty()) {
        for (String p : parts) {
          int colon = p.indexOf(':');
          if (colon < 0) throw new CliException("INVALID_ARGUMENT", "--part is WEIGHT:VALUES");
          list.add(new DvsBallotPart(Long.parseLong(p.substring(0, colon)),
              parse(p.substring(colon + 1))));
        }
      } else if (choice != null) {
        list.add(new DvsBallotPart(0, parse(choice)));
      } else if (values != null) {
        list.add(new DvsBallotPart(0, parse(values)));
      } else if (rank != null) {
        list.add(new DvsBallotPart(0,
            BallotText.ranks(common.client().call("dvs_getIssue", issue), rank)));
      } else {
        throw new CliException("INVALID_ARGUMENT", "give --choice, --values, --rank or --part");
      }
      return new DvsCastBallot(issue, list);
    }

    static long[] parse(String text) {
      String t = text.trim();
      switch (t) {
        case "yes": return new long[] {0};
        case "no": return new long[] {1};
        case "abstain": return new long[] {2};
        case "veto": return new long[] {3};
        default: break;
      }
      try {
        return t.isEmpty() ? new long[0]
            : java.util.Arrays.stream(t.split(",")).mapToLong(s -> Long.parseLong(s.trim()))
                .toArray();
      } catch (NumberFormatException e) {
        throw new CliException("INVALID_ARGUMENT", "values are comma-separated integers: " + t);
      }
    }
  }
}
