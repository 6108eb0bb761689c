package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.api.ProposalContent;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The gov commands' parsing, their named errors, and proposals as people read them (no node). */
class GovCommandTest {
  private static final String ADDRESS = org.bcos.types.Address.wrap(new byte[32]).toString();
  private static final long DDC = Amount.UNITS_PER_DDC;

  @Test
  void everyGovCommandAnswersHelp() {
    for (String[] args : List.of(new String[] {"gov", "--help"},
        new String[] {"gov", "propose", "--help"}, new String[] {"gov", "propose", "param",
            "--help"}, new String[] {"gov", "propose", "upgrade", "--help"},
        new String[] {"gov", "propose", "cancel-upgrade", "--help"},
        new String[] {"gov", "propose", "spend", "--help"},
        new String[] {"gov", "propose", "text", "--help"}, new String[] {"gov", "deposit",
            "--help"}, new String[] {"gov", "vote", "--help"}, new String[] {"gov",
            "proposals", "--help"}, new String[] {"gov", "show", "--help"})) {
      String out = NotaryCommandTest.captured(() -> assertEquals(0, BcosCli.run(args)));
      assertTrue(out.contains("Usage: bcos gov"), String.join(" ", args) + ": " + out);
    }
  }

  @Test
  void aParameterProposalCarriesEverySetAndItsDeposit() throws Exception {
    GovCommand.ProposeParam c = new GovCommand.ProposeParam();
    new CommandLine(c).parseArgs("--title", "Smaller set", "--set", "maxValidators=50",
        "--set", "unbondingPeriodBlocks = 90720", "--deposit", "250", "--from", "dev");
    assertEquals(new GovSubmitProposal("Smaller set", "", new ProposalContent.ParamChange(List.of(
        new ProposalContent.ParamValue("maxValidators", 50),
        new ProposalContent.ParamValue("unbondingPeriodBlocks", 90_720))), 250 * DDC),
        c.message());
  }

  @Test
  void upgradeSpendDepositAndVoteBuildTheirMessages() throws Exception {
    String release = "ab".repeat(32);
    GovCommand.ProposeUpgrade up = new GovCommand.ProposeUpgrade();
    new CommandLine(up).parseArgs("--title", "v5", "--name", "v5-next", "--protocol-version", "5",
        "--release", release, "--height", "90000", "--deposit", "1000", "--from", "dev");
    assertEquals(new ProposalContent.SoftwareUpgrade("v5-next", 5, Hash.fromHex(release),
        90_000), ((GovSubmitProposal) up.message()).content());

    GovCommand.ProposeSpend spend = new GovCommand.ProposeSpend();
    new CommandLine(spend).parseArgs("--title", "Grant", "--to", ADDRESS, "--amount", "12.5",
        "--deposit", "1000", "--from", "dev");
    var content = (ProposalContent.CommunitySpend) ((GovSubmitProposal) spend.message())
        .content();
    assertEquals(1_250_000_000L, content.units());

    GovCommand.Deposit deposit = new GovCommand.Deposit();
    new CommandLine(deposit).parseArgs("--proposal", "3", "--amount", "0.5", "--from", "dev");
    assertEquals(new GovDeposit(3, DDC / 2), deposit.message());

    GovCommand.Vote vote = new GovCommand.Vote();
    new CommandLine(vote).parseArgs("--proposal", "3", "--issue", "7", "--choice", "veto",
        "--from", "dev");
    DvsCastBallot ballot = (DvsCastBallot) vote.message();
    assertEquals(7, ballot.issueId());
    assertEquals(3, ballot.parts().getFirst().values()[0], "veto is DVS choice 3");
  }

  @Test
  void badInputIsANamedError() {
    GovCommand.ProposeParam p = new GovCommand.ProposeParam();
    new CommandLine(p).parseArgs("--title", "t", "--set", "maxValidators", "--deposit", "1",
        "--from", "dev");
    assertEquals("INVALID_ARGUMENT", assertThrows(CliException.class, p::message).reason());
    GovCommand.ProposeUpgrade u = new GovCommand.ProposeUpgrade();
    new CommandLine(u).parseArgs("--title", "t", "--name", "n", "--protocol-version", "5", "--release",
        "xyz", "--height", "9", "--deposit", "1", "--from", "dev");
    assertEquals("INVALID_HASH", assertThrows(CliException.class, u::message).reason());
    GovCommand.Deposit d = new GovCommand.Deposit();
    new CommandLine(d).parseArgs("--proposal", "1", "--amount", "1e3", "--from", "dev");
    assertEquals("INVALID_AMOUNT", assertThrows(CliException.class, d::message).reason());
    assertEquals("INVALID_ARGUMENT", assertThrows(CliException.class,
        () -> GovCommand.choice("maybe")).reason());
  }

  @Test
  void aProposalReadsWithDdcAmountsHeightsAndTheTally() throws Exception {
    JsonNode p = json("{'id':4,'proposer':'" + ADDRESS + "','title':'Smaller set',"
        + "'description':'','status':'VOTING_PERIOD','submitHeight':10,'depositEndHeight':20,"
        + "'totalDeposit':'1000','content':{'kind':'param','changes':[{'name':'maxValidators',"
        + "'value':50},{'name':'minFeeUnits','value':20000},{'name':'govMinDepositUnits',"
        + "'value':100000000000}]},'issue':9,'votingEndHeight':30,'deposits':[{'depositor':'" + ADDRESS
        + "','amount':'1000'}],'tally':{'final':false,'outcome':'PASSED','yes':300000000000,"
        + "'no':100000000000,'abstain':0,'veto':0,'electorateWeight':600000000000,"
        + "'countedWeight':400000000000,'turnoutBps':6666,'quorumMet':true},'votes':[{'voter':'"
        + ADDRESS + "','choice':'yes'}],'votesTruncated':false}");
    List<String> lines = GovText.show(p, 25, Map.of("maxValidators", "COUNT", "minFeeUnits",
        "BASE_UNITS", "govMinDepositUnits", "BASE_UNITS"));
    assertEquals("proposal 4: Smaller set", lines.get(0));
    assertEquals("status: VOTING_PERIOD", lines.get(1));
    assertEquals("kind: parameter change: maxValidators = 50, minFeeUnits = 0.0002 DDC, "
        + "govMinDepositUnits = 1000 DDC", lines.get(3));
    // a parameter the node does not declare (newer software) keeps its bare number
    assertEquals("kind: parameter change: maxValidators = 50, minFeeUnits = 20000, "
        + "govMinDepositUnits = 100000000000", GovText.show(p, 25, Map.of()).get(3));
    assertTrue(lines.contains("voting ends at height 30 (5 blocks left); issue 9 of the chain "
        + "community"), lines.toString());
    assertTrue(lines.contains("provisional count: yes 3000, no 1000, abstain 0, veto 0 DDC of "
        + "6000 DDC bonded"), lines.toString());
    assertTrue(lines.contains("turnout 66.66 % (quorum met); outcome so far PASSED"),
        lines.toString());
    assertTrue(lines.contains("  deposit 1000 DDC from " + ADDRESS), lines.toString());

    List<String> table = GovText.table(json("{'proposals':[" + p + "],'nextAfter':4}"));
    assertTrue(table.get(0).startsWith("ID  STATUS"), table.get(0));
    assertTrue(table.get(1).contains("VOTING_PERIOD") && table.get(1).contains("height 30")
        && table.get(1).endsWith("Smaller set"), table.get(1));
    assertEquals("more: --after 4", table.getLast());
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }
}
