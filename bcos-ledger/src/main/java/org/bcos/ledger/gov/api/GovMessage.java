package org.bcos.ledger.gov.api;

import org.bcos.types.tx.Message;

/** The gov module's messages. Votes are ordinary DVS ballots on a proposal's issue. */
public sealed interface GovMessage extends Message permits GovSubmitProposal, GovDeposit {}
