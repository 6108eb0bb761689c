package org.bcos.ledger.dvs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;

/**
 * Issue #9: the DVS shapes the methods answer ({@link DvsJson}) conform to the result schemas
 * their specs publish, including the fields only some answers carry (a payment, regions).
 */
class DvsSchemasTest {
  private static final Address A = Address.wrap(new byte[32]);
  private static final DvsParams PARAMS = new DvsParams(DvsParams.WEIGHTED, 10, 10, 10, 20,
      2_000, 2_000, 8, 1, 4, true);
  private static final DvsRules RULES = new DvsRules(DvsMessages.Method.YES_NO, 0, 5_000, 0,
      10, 100);

  private static void assertConforms(RpcMethodSpec spec, JsonNode value) {
    assertEquals(List.of(), SchemaCheck.errors(spec.result().schema(), value),
        spec.name() + " -> " + value);
  }

  @Test
  void aCommunityConforms() {
    Community c = new Community(1, "co-op", A, PARAMS, 2, 5, 9, A, 3);
    assertConforms(DvsGetCommunityMethod.SPEC, DvsJson.community(c, 1_250_000_000L));
  }

  @Test
  void anIssueConformsWithAndWithoutAPayment() {
    Issue unpaid = new Issue(7, 1, 0, true, RULES, List.of("yes", "no"),
        new boolean[] {true, false}, Phase.VOTING, 40, 3, 30, A, A, 0);
    assertConforms(DvsGetIssueMethod.SPEC, DvsJson.issue(unpaid));
    Issue paid = new Issue(8, 1, 0, false, RULES, List.of("yes"), new boolean[] {true},
        Phase.CLOSED, 40, 3, 3, A, A, 500);
    assertConforms(DvsGetIssueMethod.SPEC, DvsJson.issue(paid));
  }

  @Test
  void aTallyWithRegionsConformsForTallyAndResult() {
    IssueTally t = new IssueTally(7, 40, true, IssueTally.Outcome.PASSED, List.of(3L, 1L), List.of(0, -1), 9, 4,
        2, true, Hash.ZERO, List.of(new IssueTally.RegionCell("north", 2, 3, List.of(1L, 0L))),
        false, "none");
    assertConforms(DvsTallyMethod.SPEC, DvsJson.tally(t));
    assertConforms(DvsResultMethod.SPEC, DvsJson.tally(t));
  }
}
