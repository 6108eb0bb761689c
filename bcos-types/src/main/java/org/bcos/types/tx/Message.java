package org.bcos.types.tx;

/**
 * What a transaction asks the ledger to do. One record per message type; the ledger dispatches with
 * a pattern {@code switch} without {@code default}, so a new message does not compile until it is
 * handled. (All permitted records live in this package because sealed types in an unnamed module
 * must share a package.)
 */
public sealed interface Message
    permits CoinTransfer, DvsCreateCommunity, DvsAddArea, DvsSetMember, DvsAttest, DvsDelegate,
        DvsUndelegate, DvsRefuseDelegations, DvsCreateIssue, DvsAddInitiative, DvsSupport,
        DvsCastBallot, DvsSetRegistrar, StakeEvidence {
  /** Wire tag, never reused. */
  int tag();
}
