package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bcos upgrade status} as people read it, from answers of {@code upgrade_status}. */
class UpgradeCommandTest {
  private static final String RELEASE = "ab".repeat(32);

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text.replace('\'', '"'));
  }

  private static final String SOFTWARE = "'software':[{'version':1,'name':'base','modules':[]},"
      + "{'version':2,'name':'notary','modules':[]}]";

  @Test
  void aScheduledUpgradeTheSoftwareLacksSaysTheNodeWillStop() throws Exception {
    List<String> lines = UpgradeCommand.lines(json("{'height':12,'version':2," + SOFTWARE
        + ",'scheduled':{'name':'v3-gov','version':3,'release':'" + RELEASE + "','height':20,"
        + "'scheduledAt':5,'supported':false,'blocksLeft':8},'applied':[]}"));
    assertEquals("protocol version 2 governs height 12", lines.get(0));
    assertEquals("the node's software ships versions 1 (base), 2 (notary)", lines.get(1));
    assertTrue(lines.get(2).startsWith("scheduled: \"v3-gov\" -> version 3 at height 20 (release "
        + "sha256 " + RELEASE + "), 8 blocks left; THE NODE'S SOFTWARE LACKS IT: it stops "
        + "before height 20"), lines.get(2));
    assertEquals("applied: none", lines.get(3));
  }

  @Test
  void nothingScheduledListsTheAppliedUpgrades() throws Exception {
    List<String> lines = UpgradeCommand.lines(json("{'height':30,'version':2," + SOFTWARE
        + ",'applied':[{'name':'genesis','version':1,'release':'" + "00".repeat(32)
        + "','height':0,'scheduledAt':0,'supported':true},{'name':'notary-on','version':2,"
        + "'release':'" + RELEASE + "','height':4,'scheduledAt':1,'supported':true}]}"));
    assertEquals("scheduled: none", lines.get(2));
    assertEquals(List.of("applied: \"genesis\" -> version 1 at height 0 (release sha256 "
        + "00".repeat(32) + ")", "applied: \"notary-on\" -> version 2 at height 4 (release "
        + "sha256 " + RELEASE + ")"), lines.subList(3, 5));
  }

  @Test
  void plannedUpgradesOfTheGenesisAreListedAndOneTheSoftwareLacksIsSaid() throws Exception {
    List<String> lines = UpgradeCommand.lines(json("{'height':2,'version':2," + SOFTWARE
        + ",'scheduled':{'name':'staking','version':3,'release':'" + RELEASE + "','height':10,"
        + "'scheduledAt':0,'supported':true,'blocksLeft':8},'planned':[{'name':'gov','version':4,"
        + "'release':'" + RELEASE + "','height':50,'scheduledAt':0,'supported':false}],"
        + "'applied':[]}"));
    assertEquals("planned (genesis): \"gov\" -> version 4 at height 50 (release sha256 "
        + RELEASE + "); THE NODE'S SOFTWARE LACKS IT", lines.get(3));
    assertEquals("applied: none", lines.get(4));
  }
}
