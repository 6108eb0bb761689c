package org.bcos.ledger.notary;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryApi;
import org.bcos.ledger.notary.api.NotaryAttest;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.notary.api.NotaryRevoke;
import org.bcos.ledger.notary.rpc.NotaryRpc;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * The notary module (the seed's notarisation application): an account anchors the SHA-256 of a
 * document with an optional label, other accounts attest (co-sign) the anchor, and the anchorer
 * may revoke it. Heights are stored, not times: a block's time is in its header, which a client
 * reads (and checks the state root of) anyway. Written only against the module SPI; docs/MODULES.md
 * walks through it.
 */
public final class NotaryModule implements LedgerModule {
  @Override
  public String name() {
    return "notary";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(List.of(Anchor.STATE_COLUMN, Attestation.STATE_COLUMN));
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of(
        new MessageType<>(NotaryAnchor.TAG, "notary.anchor", NotaryAnchor.class,
            // the label's own limit is a ledger rule (LABEL_TOO_LONG); the codec bounds it only
            // by the transaction size, so callers get the named reason
            d -> new NotaryAnchor(d.hash(), d.string(Transaction.MAX_ENCODED_BYTES)),
            new NotaryAnchorHandler()),
        new MessageType<>(NotaryAttest.TAG, "notary.attest", NotaryAttest.class,
            d -> new NotaryAttest(d.hash()), new NotaryAttestHandler()),
        new MessageType<>(NotaryRevoke.TAG, "notary.revoke", NotaryRevoke.class,
            d -> new NotaryRevoke(d.hash()), new NotaryRevokeHandler()));
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(NotaryRejection.values());
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(NotaryApi.class, (state, registry) -> new NotaryStore(state)));
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new NotaryRpc());
  }
}
