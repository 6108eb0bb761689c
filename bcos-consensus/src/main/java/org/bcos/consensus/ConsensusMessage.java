package org.bcos.consensus;

import org.bcos.types.Address;

/** A signed message that validators exchange: a {@link Proposal} or a {@link Vote}. */
public sealed interface ConsensusMessage permits Proposal, Vote {
  long height();

  int round();

  /** The validator that signed the message. */
  Address signer();

  /**
   * The exact bytes the signature covers on chain {@code chainId} (domain-separated digest of the
   * canonical encoding, chain id included).
   */
  byte[] signingBytes(String chainId);

  /** Whether the signature is valid for chain {@code chainId}. */
  boolean verify(String chainId, org.bcos.crypto.SignatureVerifier verifier);

  byte[] signature();

  /** The canonical encoding, signature included. */
  byte[] encode();
}
