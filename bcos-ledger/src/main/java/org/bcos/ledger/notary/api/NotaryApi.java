package org.bcos.ledger.notary.api;

import java.util.List;
import java.util.Optional;
import org.bcos.types.Hash;

/**
 * The notary module's read view: what queries (and any module that wants to know whether a
 * document is notarised, e.g. an escrow releasing on a signed delivery note) may ask.
 */
public interface NotaryApi {
  /** The anchor of the document with SHA-256 {@code document}, if anchored (revoked or not). */
  Optional<Anchor> anchor(Hash document);

  /** Its attestations, in ascending attester address order (at most {@link Anchor#MAX_ATTESTATIONS}). */
  List<Attestation> attestations(Hash document);
}
