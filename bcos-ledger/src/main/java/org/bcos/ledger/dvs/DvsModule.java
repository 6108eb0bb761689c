package org.bcos.ledger.dvs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.api.Community;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsApi;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRejection;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.ledger.dvs.rpc.DvsRpc;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.EndBlockEffects;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageHandlers;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxRejection;

/**
 * The DVS ledger module: communities, delegation, issues and ballots. One handler per message
 * type (each checks everything before it writes); the issue lifecycle runs at the end of every
 * block ({@link DvsLifecycle}). Ballots, supports and delegations may go fee-free with a
 * proof-of-work stamp of the community's difficulty.
 */
public final class DvsModule implements LedgerModule {
  private final DvsCommunityHandlers community = new DvsCommunityHandlers();
  private final DvsDelegationHandlers delegation = new DvsDelegationHandlers();
  private final DvsIssueHandlers issues = new DvsIssueHandlers();
  private final DvsCastBallotHandler ballots = new DvsCastBallotHandler();
  private final DvsLifecycle lifecycle = new DvsLifecycle();

  @Override
  public String name() {
    return "dvs";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(DvsSchema.ALL);
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of(
        new MessageType<>(DvsCreateCommunity.TAG, "dvs.createCommunity", DvsCreateCommunity.class,
            DvsMessageCodec::createCommunity, MessageHandlers.of(community::create,
                (tx, m, p) -> text(m.name(), DvsMessages.MAX_NAME_BYTES, 1, "name"), false)),
        new MessageType<>(DvsAddArea.TAG, "dvs.addArea", DvsAddArea.class,
            DvsMessageCodec::addArea, MessageHandlers.of(community::addArea,
                (tx, m, p) -> text(m.name(), DvsMessages.MAX_NAME_BYTES, 1, "area name"), false)),
        new MessageType<>(DvsSetMember.TAG, "dvs.setMember", DvsSetMember.class,
            DvsMessageCodec::setMember, MessageHandlers.paid(community::setMember)),
        new MessageType<>(DvsAttest.TAG, "dvs.attest", DvsAttest.class,
            DvsMessageCodec::attest, MessageHandlers.of(community::attest, (tx, m, p) ->
                text(m.value(), DvsMessages.MAX_ATTRIBUTE_BYTES, 0, "attribute value"), false)),
        new MessageType<>(DvsDelegate.TAG, "dvs.delegate", DvsDelegate.class,
            DvsMessageCodec::delegate, MessageHandlers.feeFree(delegation::delegate)),
        new MessageType<>(DvsUndelegate.TAG, "dvs.undelegate", DvsUndelegate.class,
            DvsMessageCodec::undelegate, MessageHandlers.feeFree(delegation::undelegate)),
        new MessageType<>(DvsRefuseDelegations.TAG, "dvs.refuseDelegations",
            DvsRefuseDelegations.class, DvsMessageCodec::refuseDelegations,
            MessageHandlers.paid(delegation::refuse)),
        new MessageType<>(DvsCreateIssue.TAG, "dvs.createIssue", DvsCreateIssue.class,
            DvsMessageCodec::createIssue, MessageHandlers.of(issues::create,
                (tx, m, p) -> DvsIssueHandlers.checkOptions(m), false)),
        new MessageType<>(DvsAddInitiative.TAG, "dvs.addInitiative", DvsAddInitiative.class,
            DvsMessageCodec::addInitiative, MessageHandlers.of(issues::addInitiative,
                (tx, m, p) -> text(m.title(), DvsMessages.MAX_TEXT_BYTES, 1, "title"), false)),
        new MessageType<>(DvsSupport.TAG, "dvs.support", DvsSupport.class,
            DvsMessageCodec::support, MessageHandlers.feeFree(issues::support)),
        new MessageType<>(DvsCastBallot.TAG, "dvs.castBallot", DvsCastBallot.class,
            DvsMessageCodec::castBallot, MessageHandlers.of(ballots::cast,
                (tx, m, p) -> ballotParts(m), true)),
        new MessageType<>(DvsSetRegistrar.TAG, "dvs.setRegistrar", DvsSetRegistrar.class,
            DvsMessageCodec::setRegistrar, MessageHandlers.paid(community::setRegistrar)));
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(DvsRejection.values());
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(DvsApi.class, (state, registry) -> new DvsStore(state)),
        new ApiBinding<>(org.bcos.ledger.dvs.api.DvsGovernanceApi.class,
            (state, registry) -> new DvsGovernance(state)));
  }

  /** A chain that starts at version 6 or later keeps the DVS indexes from genesis. */
  @Override
  public void initGenesis(org.bcos.ledger.Genesis genesis, TxContext ctx) {
    if (ctx.rules().version() >= DvsSchema.INDEXES_VERSION) DvsIndexes.build(ctx.state(), 0);
  }

  /** Version 6 changes the DVS state layout: its first block builds the indexes. */
  @Override
  public List<Integer> migratesAt() {
    return List.of(DvsSchema.INDEXES_VERSION);
  }

  /**
   * At the first block of version 6 on an upgrading chain, before its transactions: builds the
   * indexes from the delegations and issues as they stand ({@link DvsIndexes#build}).
   */
  @Override
  public void activate(TxContext ctx) {
    if (ctx.rules().version() >= DvsSchema.INDEXES_VERSION) {
      DvsIndexes.build(ctx.state(), ctx.height());
    }
  }

  /** Phase changes and closing of issues due at the end of block {@code ctx.height()}. */
  @Override
  public EndBlockEffects endBlock(TxContext ctx) {
    lifecycle.endBlock(ctx);
    return EndBlockEffects.NONE;
  }

  private static Verdict ballotParts(DvsCastBallot m) {
    return m.parts().isEmpty() || m.parts().size() > DvsMessages.MAX_BALLOT_PARTS
        ? Verdict.reject(DvsRejection.INVALID_BALLOT, "1.." + DvsMessages.MAX_BALLOT_PARTS
            + " parts") : Verdict.OK;
  }

  static Verdict text(String s, int maxBytes, int minBytes, String what) {
    int n = s.getBytes(StandardCharsets.UTF_8).length;
    if (n < minBytes || n > maxBytes) {
      return Verdict.reject(DvsRejection.INVALID_DVS_INPUT,
          what + " must be " + minBytes + ".." + maxBytes + " bytes, got " + n);
    }
    return Verdict.OK;
  }

  /** A fee-free transaction must show the community's proof-of-work difficulty. */
  static Verdict stamp(Transaction tx, Community c) {
    if (tx.fee() > 0) return Verdict.OK;
    int bits = TransactionCodec.powBits(tx);
    if (bits < c.params().powDifficultyBits()) {
      return Verdict.reject(TxRejection.STAMP_INSUFFICIENT,
          "stamp shows " + bits + " bits, community needs " + c.params().powDifficultyBits());
    }
    return Verdict.OK;
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new DvsRpc());
  }
}
