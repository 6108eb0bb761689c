package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos gov …}: propose (parameter change, software upgrade, cancel, community-pool spend,
 * text), deposit, vote (a DVS ballot on the proposal's issue in the chain community), list and
 * show proposals (docs/GOVERNANCE.md "Proposals and votes").
 */
@Command(name = "gov", mixinStandardHelpOptions = true,
    description = "On-chain governance: proposals, deposits and votes by bonded stake",
    subcommands = {GovCommand.Propose.class, GovCommand.Deposit.class, GovCommand.Vote.class,
        GovCommand.Proposals.class, GovCommand.Show.class})
final class GovCommand {
  private GovCommand() {}

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Submit a proposal with its first deposit",
      subcommands = {ProposeParam.class, ProposeUpgrade.class, ProposeCancelUpgrade.class,
          ProposeSpend.class, ProposeText.class})
  static final class Propose {
    private Propose() {}
  }

  /** What every proposal carries: its texts and first deposit. */
  abstract static class ProposeCommand extends TxCommand {
    @Option(names = "--title", required = true, description = "1-140 bytes, shown in lists")
    String title;
    @Option(names = "--description", defaultValue = "", description = "up to 1,024 bytes: a summary and a link to the full text")
    String description;
    @Option(names = "--deposit", required = true, description = "DDC taken from the sender now; "
        + "at least govMinInitialDepositBasisPoints of govMinDepositUnits (bcos params)")
    String deposit;

    abstract ProposalContent content();

    @Override
    Message message() {
      return new GovSubmitProposal(title, description, content(),
          SendCommand.parseAmount(deposit, "--deposit"));
    }

    @Override
    void describe(ObjectNode out) {
      long units = SendCommand.parseAmount(deposit, "--deposit");
      out.put("kind", content().kind()).put("deposit", Amount.format(units))
          .put("depositUnits", Long.toString(units));
    }
  }

  @Command(name = "param", mixinStandardHelpOptions = true,
      description = "Change chain parameters from the block after the vote passes")
  static final class ProposeParam extends ProposeCommand {
    @Option(names = "--set", required = true, paramLabel = "NAME=VALUE",
        description = "a parameter and its new value (repeat, up to 16; bcos params lists them)")
    List<String> sets;

    @Override
    ProposalContent content() {
      List<ProposalContent.ParamValue> changes = new ArrayList<>();
      for (String s : sets) changes.add(paramValue(s));
      return new ProposalContent.ParamChange(changes);
    }
  }

  @Command(name = "upgrade", mixinStandardHelpOptions = true,
      description = "Schedule a protocol upgrade at a height once the vote passes")
  static final class ProposeUpgrade extends ProposeCommand {
    @Option(names = "--name", required = true, description = "1-64 of a-z 0-9 . _ -")
    String name;
    @Option(names = "--protocol-version", required = true, description = "the protocol version "
        + "it brings (--version prints the CLI's)") int version;
    @Option(names = "--release", required = true, paramLabel = "SHA256",
        description = "SHA-256 (hex) of the release artifact") String release;
    @Option(names = "--height", required = true, description = "activation height: after the "
        + "vote's end plus govUpgradeMinLeadBlocks") long height;

    @Override
    ProposalContent content() {
      return new ProposalContent.SoftwareUpgrade(name, version, hash(release), height);
    }
  }

  @Command(name = "cancel-upgrade", mixinStandardHelpOptions = true,
      description = "Cancel the scheduled upgrade of this name once the vote passes")
  static final class ProposeCancelUpgrade extends ProposeCommand {
    @Option(names = "--name", required = true, description = "the scheduled upgrade's name")
    String name;

    @Override
    ProposalContent content() {
      return new ProposalContent.CancelUpgrade(name);
    }
  }

  @Command(name = "spend", mixinStandardHelpOptions = true,
      description = "Pay DDC from the community pool once the vote passes")
  static final class ProposeSpend extends ProposeCommand {
    @Option(names = "--to", required = true, description = "dd1… address or local key name")
    String to;
    @Option(names = "--amount", required = true, description = "DDC, e.g. 1250.5")
    String amount;

    @Override
    ProposalContent content() {
      return new ProposalContent.CommunitySpend(Keys.resolve(to),
          SendCommand.parseAmount(amount, "--amount"));
    }
  }

  @Command(name = "text", mixinStandardHelpOptions = true,
      description = "A decision on record that executes nothing")
  static final class ProposeText extends ProposeCommand {
    @Override
    ProposalContent content() {
      return new ProposalContent.Text();
    }
  }

  @Command(name = "deposit", mixinStandardHelpOptions = true,
      description = "Add to a proposal's deposit while it is in its deposit period")
  static final class Deposit extends TxCommand {
    @Option(names = "--proposal", required = true) long proposal;
    @Option(names = "--amount", required = true, description = "DDC, e.g. 250") String amount;

    @Override
    Message message() {
      return new GovDeposit(proposal, SendCommand.parseAmount(amount, "--amount"));
    }

    @Override
    void describe(ObjectNode out) {
      long units = SendCommand.parseAmount(amount, "--amount");
      out.put("proposal", proposal).put("amount", Amount.format(units))
          .put("amountUnits", Long.toString(units));
    }
  }

  @Command(name = "vote", mixinStandardHelpOptions = true,
      description = "Vote on a proposal with your bonded stake (overrides your validator's vote)")
  static final class Vote extends TxCommand {
    @Option(names = "--proposal", required = true) long proposal;
    @Option(names = "--choice", required = true, description = "yes | no | abstain | veto")
    String choice;
    @Option(names = "--issue", description = "the proposal's DVS issue (needed only when "
        + "signing offline; otherwise read from the node)") Long issue;

    @Override
    Message message() {
      long id = issue != null ? issue : issueOf(this, proposal);
      return new DvsCastBallot(id, List.of(new DvsBallotPart(0, new long[] {choice(choice)})));
    }

    @Override
    void describe(ObjectNode out) {
      out.put("proposal", proposal).put("choice", choice);
    }
  }

  @Command(name = "proposals", mixinStandardHelpOptions = true,
      description = "List proposals in id order, a page at a time")
  static final class Proposals implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--limit", defaultValue = "20", description = "1..200") int limit;
    @Option(names = "--after", defaultValue = "0", description = "list ids above this")
    long after;

    @Override
    public Integer call() {
      JsonNode page = common.client().call("gov_proposals", limit, after);
      if (common.json) {
        Output.json(System.out, page);
      } else {
        GovText.table(page).forEach(System.out::println);
      }
      return 0;
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One proposal: status, heights, deposits, tally and votes")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "ID") long id;

    @Override
    public Integer call() {
      JsonNode p = common.client().call("gov_proposal", id);
      if (common.json) {
        Output.json(System.out, p);
      } else {
        long head = common.client().status().path("height").asLong();
        boolean changesParams = p.path("content").path("kind").asText().equals("param");
        GovText.show(p, head, changesParams ? QueryCommands.Params.units(common.client())
            : Map.of()).forEach(System.out::println);
      }
      return 0;
    }
  }

  /** The DVS issue of a proposal, read from the node; a proposal not voting yet is an error. */
  static long issueOf(Vote vote, long proposal) {
    if (!vote.mayAskNode()) {
      throw new CliException("INVALID_ARGUMENT", "--issue is needed when signing offline");
    }
    JsonNode p = vote.common.client().call("gov_proposal", proposal);
    if (!p.has("issue")) {
      throw new CliException("VOTING_CLOSED", "proposal " + proposal + " is "
          + p.path("status").asText() + ": it has no vote open");
    }
    return p.path("issue").asLong();
  }

  static long choice(String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "yes" -> 0;
      case "no" -> 1;
      case "abstain" -> 2;
      case "veto" -> 3;
      default -> throw new CliException("INVALID_ARGUMENT", "--choice: yes, no, abstain or "
          + "veto, not '" + text + "'");
    };
  }

  static ProposalContent.ParamValue paramValue(String text) {
    int eq = text.indexOf('=');
    try {
      if (eq < 1) throw new NumberFormatException("no '='");
      return new ProposalContent.ParamValue(text.substring(0, eq).trim(),
          Long.parseLong(text.substring(eq + 1).trim()));
    } catch (NumberFormatException e) {
      throw new CliException("INVALID_ARGUMENT", "--set: NAME=VALUE with a whole number, not '"
          + text + "'");
    }
  }

  static Hash hash(String hex) {
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_HASH", "--release: not a SHA-256 in hex: "
          + e.getMessage());
    }
  }
}
