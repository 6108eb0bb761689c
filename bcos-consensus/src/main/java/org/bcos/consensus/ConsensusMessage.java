package org.bcos.consensus;

import org.bcos.types.Address;

/** A signed message that validators exchange: a {@link Proposal} or a {@link Vote}. */
public sealed interface ConsensusMessage permits Proposal, Vote {
  long height();

  int round();

  /** The validator that signed the message. */
  Address signer();

  /** The exact bytes the signature covers (domain-separated digest of the canonical encoding). */
  byte[] signingBytes();

  byte[] signature();
}
