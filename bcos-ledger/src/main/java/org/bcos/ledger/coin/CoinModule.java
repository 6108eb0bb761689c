package org.bcos.ledger.coin;

import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.coin.api.Bank;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.coin.rpc.CoinRpc;
import org.bcos.ledger.spi.ApiBinding;
import org.bcos.ledger.spi.Holding;
import org.bcos.ledger.spi.LedgerModule;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleSchema;
import org.bcos.ledger.spi.TxContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;

/**
 * The coin module: DDC accounts (balance and next nonce), the genesis allocations, transfers and
 * (from protocol version 5) multi-sends.
 * Other modules move coins through its {@link Bank} api.
 */
public final class CoinModule implements LedgerModule {
  @Override
  public String name() {
    return "coin";
  }

  @Override
  public ModuleSchema schema() {
    return ModuleSchema.v1(List.of(Account.STATE_COLUMN));
  }

  @Override
  public List<MessageType<?>> messages() {
    return List.of(new MessageType<>(CoinTransfer.TAG, "coin.transfer", CoinTransfer.class,
        d -> new CoinTransfer(d.address(), d.u64(),
            // the memo's own limit is a ledger rule (MEMO_TOO_LONG); the codec bounds it only by
            // the transaction size, so callers get the named reason
            d.string(Transaction.MAX_ENCODED_BYTES)),
        new CoinTransferHandler()),
        new MessageType<>(CoinMultiSend.TAG, "coin.multiSend", CoinMultiSend.class,
            CoinModule::decodeMultiSend, new CoinMultiSendHandler())
            .since(CoinMultiSend.SINCE_VERSION));
  }

  private static CoinMultiSend decodeMultiSend(org.bcos.types.codec.Decoder d) {
    int n = (int) d.varint(CoinMultiSend.MAX_WIRE_OUTPUTS);
    List<CoinMultiSend.Output> outputs = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) outputs.add(new CoinMultiSend.Output(d.address(), d.u64()));
    return new CoinMultiSend(outputs, d.string(Transaction.MAX_ENCODED_BYTES));
  }

  @Override
  public List<org.bcos.ledger.ParamSpec> params() {
    return List.of(CoinMultiSendHandler.MAX_OUTPUTS);
  }

  @Override
  public List<? extends Rejection> rejections() {
    return List.of(CoinRejection.values());
  }

  @Override
  public void initGenesis(Genesis genesis, TxContext ctx) {
    CoinStore coins = new CoinStore(ctx.state());
    for (Genesis.Allocation a : genesis.allocations()) {
      coins.put(a.address(), new Account(a.units(), 0));
    }
  }

  @Override
  public List<Holding> holdings() {
    return List.of(Holding.of(Account.STATE_COLUMN, "liquid",
        v -> Account.decode(v).balanceUnits()));
  }

  @Override
  public List<ApiBinding<?>> apis() {
    return List.of(new ApiBinding<>(Bank.class, (state, registry) -> new CoinStore(state)));
  }

  @Override
  public Optional<ModuleRpc> rpc() {
    return Optional.of(new CoinRpc());
  }
}
