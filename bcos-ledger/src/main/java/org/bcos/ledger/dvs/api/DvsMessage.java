package org.bcos.ledger.dvs.api;

import org.bcos.types.tx.Message;

/** The DVS module's messages (tags 10..29). */
public sealed interface DvsMessage extends Message
    permits DvsCreateCommunity, DvsAddArea, DvsSetMember, DvsSetRegistrar, DvsAttest,
        DvsDelegate, DvsUndelegate, DvsRefuseDelegations, DvsCreateIssue, DvsAddInitiative,
        DvsSupport, DvsCastBallot {}
