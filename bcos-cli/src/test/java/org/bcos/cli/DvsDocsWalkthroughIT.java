package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue #10: docs/DVS.md's worked examples run as a user pastes them ({@link DocsWalkthrough}). */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DvsDocsWalkthroughIT extends DocsWalkthrough {
  @Test
  void dvsWorkedExamplesRunAsWritten() throws Exception {
    List<String> outputs = runAll("docs/DVS.md", "", 4, "set-up and three examples");

    String party = outputs.get(1);
    assertTrue(has(party, "phase: +VOTING"), "the issue reached its vote:\n" + party);
    assertTrue(has(party, "phase: +CLOSED"), party);
    assertTrue(has(party, "match: +true"), "the recount matches:\n" + party);
    assertTrue(has(party, "matchesFinalResult: +true"), "bob's ballot is proven:\n" + party);
    String poll = outputs.get(2);
    assertTrue(poll.contains("\"final\" : false"), "a live tally first:\n" + poll);
    assertTrue(poll.contains(": final result, closed at height "), poll);
    assertTrue(has(poll, "winners: Build the tram"), poll);
    String agm = outputs.get(3);
    assertTrue(has(agm, "outcome: +PASSED"), agm);
  }
}
