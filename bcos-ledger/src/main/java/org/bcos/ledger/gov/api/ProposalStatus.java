package org.bcos.ledger.gov.api;

/** Where a proposal stands. The last five are final. */
public enum ProposalStatus {
  /** Gathering deposits until the minimum or the end of the deposit period. */
  DEPOSIT_PERIOD,
  /** Its DVS issue is open for ballots. */
  VOTING_PERIOD,
  /** Passed and executed; deposits returned. */
  PASSED,
  /** Passed, but its execution was refused (the reason is recorded); nothing changed. */
  FAILED,
  /** Not passed (no majority, quorum missed or no votes); deposits returned. */
  REJECTED,
  /** Vetoed; deposits moved to the community pool. */
  VETOED,
  /** The deposit period ended below the minimum; deposits returned. */
  EXPIRED;

  public boolean isFinal() {
    return this != DEPOSIT_PERIOD && this != VOTING_PERIOD;
  }
}
