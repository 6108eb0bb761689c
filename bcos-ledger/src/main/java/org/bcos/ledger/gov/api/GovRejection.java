package org.bcos.ledger.gov.api;

import org.bcos.types.tx.Rejection;

/**
 * Why the gov module refuses a message, or why a passed proposal's execution failed
 * (docs/GOVERNANCE.md "Proposals and votes"). Codes -32130 to -32149. An unknown parameter or a
 * value out of its bounds is refused with the params module's reasons ({@code UNKNOWN_PARAM},
 * {@code PARAM_OUT_OF_RANGE}), an upgrade version not newer with the upgrade module's.
 */
public enum GovRejection implements Rejection {
  PROPOSAL_TEXT_INVALID(-32130, "the title must be 1-140 UTF-8 bytes without control characters "
      + "and the description at most 1,024 bytes"),
  PROPOSAL_CONTENT_INVALID(-32131, "the proposal's content is malformed (no or too many "
      + "changes, a parameter twice, a spend of nothing, an invalid upgrade name)"),
  PARAM_RULE_BROKEN(-32132, "the values would break a rule between parameters"),
  UPGRADE_HEIGHT_IN_PAST(-32133, "the upgrade height is not after the current block"),
  UPGRADE_TOO_SOON(-32134, "the upgrade height leaves less than govUpgradeMinLeadBlocks after "
      + "the vote can end"),
  NO_UPGRADE_TO_CANCEL(-32135, "no scheduled upgrade has that name"),
  COMMUNITY_POOL_INSUFFICIENT(-32136, "the community pool holds less than the amount"),
  DEPOSIT_EXCEEDS_BALANCE(-32137, "the account cannot pay the deposit and the fee"),
  DEPOSIT_NOT_POSITIVE(-32138, "the deposit must be positive"),
  INITIAL_DEPOSIT_TOO_SMALL(-32139, "the first deposit is below govMinInitialDepositBasisPoints "
      + "of govMinDepositUnits"),
  NO_SUCH_PROPOSAL(-32140, "there is no proposal with that id"),
  PROPOSAL_NOT_IN_DEPOSIT_PERIOD(-32141, "the proposal is no longer taking deposits (voting or "
      + "closed)"),
  TOO_MANY_PROPOSALS(-32142, "too many proposals are open; wait for one to close"),
  TOO_MANY_DEPOSITORS(-32143, "the proposal has the most depositors it may have");

  private final int code;
  private final String sentence;

  GovRejection(int code, String sentence) {
    this.code = code;
    this.sentence = sentence;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String sentence() {
    return sentence;
  }
}
