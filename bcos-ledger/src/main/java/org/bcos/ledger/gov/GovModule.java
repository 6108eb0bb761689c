package org.bcos.ledger.gov;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.ParamSpec;
import org.bcos.ledger.dvs.api.DvsGovernanceApi;
import org.bcos.ledger.gov.api.GovApi;
import org.bcos.ledger.gov.api.GovDeposit;
import org.bcos.ledger.gov.api.GovRejection;
import org.bcos.ledger.gov.api.GovSubmitProposal;
import org.bcos.ledger.gov.rpc.GovRpc;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.types.tx.Rejection;

/**
 * The gov module (Cosmos' {@code x/gov}, voting through DVS): proposals with deposits, voted on as
 * yes/no issues of DVS's chain community whose electorate is bonded stake, executed by
 * themselves at the end of the block their vote ends in (docs/GOVERNANCE.md "Proposals and
 * votes"). Active from protocol version {@link #GOV_VERSION}.
 */
public final class GovModule implements LedgerModule {
  /** The protocol version that brings the gov module. */
  public static final int GOV_VERSION = 4;

  private final GovLifecycle lifecycle = new GovLifecycle();
  private final GovHandlers handlers = new GovHandlers(lifecycle);

  @Override
  public String name() {
    return "gov";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(GovSchema.ALL);
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of(
        new MessageType<>(GovSubmitProposal.TAG, "gov.submitProposal", GovSubmitProposal.class,
            GovSubmitProposal::decode, MessageHandlers.debiting(handlers::submit,
                GovHandlers::checkSubmit, GovSubmitProposal::deposit)),
        new MessageType<>(GovDeposit.TAG, "gov.deposit", GovDeposit.class, GovDeposit::decode,
            MessageHandlers.debiting(handlers::deposit, (tx, m, p) -> org.bcos.ledger.spi.Verdict.OK,
                GovDeposit::units)));
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(GovRejection.values());
  }

  @Override
  public List<ParamSpec> params() {
    return GovParams.ALL;
  }

  /** A chain starting with gov has the chain community from genesis. */
  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    ctx.api(DvsGovernanceApi.class).createChainCommunity(0);
  }

  /** An upgrade to the gov version creates the chain community in its first block. */
  @Override
  public void activate(TxContext ctx) {
    DvsGovernanceApi dvs = ctx.api(DvsGovernanceApi.class);
    if (!dvs.hasChainCommunity()) dvs.createChainCommunity(ctx.height());
  }

  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    lifecycle.endBlock(ctx);
    return EndBlockEffects.NONE;
  }

  /** Deposits held until they are returned or moved to the community pool. */
  @Override
  public List<Holding> holdings() {
    return List.of(new Holding(GovSchema.DEPOSITS, GovStore::decodeUnits));
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(GovApi.class, (state, registry) -> new GovStore(state)));
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new GovRpc());
  }
}
