package org.bcos.ledger.stake.api;

import org.bcos.types.tx.Message;

/** The stake module's messages. */
public sealed interface StakeMessage extends Message permits StakeEvidence, StakeCreateValidator,
    StakeEditValidator, StakeAmountMessage, StakeRedelegate, StakeWithdrawRewards,
    StakeUnjail {}
