package org.bcos.ledger.dvs.api;

import java.util.Optional;
import org.bcos.types.Address;

/**
 * What other modules, the API and tools may read of DVS state: communities, members, issues,
 * stored results, and a count of an issue as the state stands.
 */
public interface DvsApi {
  Optional<Community> community(long id);

  Optional<Member> member(long communityId, Address who);

  Optional<Issue> issue(long id);

  /** Every ballot cast on an issue, by voter address (the last one each voter cast). */
  void forEachBallot(long issueId, java.util.function.BiConsumer<Address, java.util.List<DvsBallotPart>> visitor);

  /** The result stored when the issue closed. */
  Optional<IssueTally> storedResult(long issueId);

  /**
   * Counts the issue as this state holds it, at {@code height}: a live, provisional tally while
   * it is open; for a closed issue, a recount from what was frozen at its close, which gives the
   * stored result again. Empty if there is no such issue.
   */
  Optional<IssueTally> count(long issueId, long height, boolean isFinal);
}
