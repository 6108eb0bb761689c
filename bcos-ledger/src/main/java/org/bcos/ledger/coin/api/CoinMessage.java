package org.bcos.ledger.coin.api;

import org.bcos.types.tx.Message;

/** The coin module's messages. */
public sealed interface CoinMessage extends Message permits CoinTransfer, CoinMultiSend {}
