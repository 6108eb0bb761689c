package org.bcos.ledger.notary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.notary.api.NotaryApi;
import org.bcos.ledger.state.WorkingState;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/** Anchors and attestations over a block's working state: the {@link NotaryApi} implementation. */
final class NotaryStore implements NotaryApi {
  private final WorkingState state;

  NotaryStore(WorkingState state) {
    this.state = state;
  }

  @Override
  public Optional<Anchor> anchor(Hash document) {
    byte[] raw = state.get(Anchor.STATE_COLUMN, document.toBytes());
    return raw == null ? Optional.empty() : Optional.of(Anchor.decode(raw));
  }

  @Override
  public List<Attestation> attestations(Hash document) {
    List<Attestation> out = new ArrayList<>();
    state.forEach(Attestation.STATE_COLUMN, document.toBytes(),
        (key, value) -> out.add(Attestation.decode(key, value)));
    return out;
  }

  boolean hasAttested(Hash document, Address attester) {
    return state.get(Attestation.STATE_COLUMN, Attestation.key(document, attester)) != null;
  }

  void putAnchor(Hash document, Anchor anchor) {
    state.put(Anchor.STATE_COLUMN, document.toBytes(), anchor.encode());
  }

  void putAttestation(Hash document, Attestation attestation) {
    state.put(Attestation.STATE_COLUMN, Attestation.key(document, attestation.attester()),
        attestation.encodeValue());
  }
}
