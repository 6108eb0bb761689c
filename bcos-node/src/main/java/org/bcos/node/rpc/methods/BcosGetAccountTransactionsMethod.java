package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.AccountTxIndex;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.rpc.JsonViews;
import org.bcos.types.Address;

/**
 * {@code bcos_getAccountTransactions [address, limit?, cursor?]}: an account's final
 * transactions, sent or received, newest first, a page at a time (the ledger's account index).
 */
final class BcosGetAccountTransactionsMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_getAccountTransactions",
      "An account's final transactions (sent, or naming it as recipient), newest first, paged.",
      "The index starts at the first block a node version with it committed: a data directory"
          + " written before holds no history for its older blocks.",
      List.of(RpcParam.required("address", address(), "the account"),
          RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("history", object().field("address", address())
          .field("transactions", array(CoreSchemas.transaction()))
          .optional("nextCursor", hex()).build()),
      List.of());
  private final Ledger ledger;

  BcosGetAccountTransactionsMethod(Ledger ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    args.atMost(3);
    Address account = args.address(0, "address");
    int limit = RpcPaging.limit(args, 1);
    Optional<AccountTxIndex.Position> from = RpcPaging.cursor(args, 2).map(c -> position(c));
    budget.charge((long) RpcCosts.BLOCK_TX * limit);
    AccountTxIndex.Page page = ledger.accountTransactions(account, from, limit);
    ObjectNode out = RpcJson.object().put("address", account.toString());
    ArrayNode txs = out.putArray("transactions");
    for (AccountTxIndex.Entry e : page.entries()) {
      ledger.finalTransaction(e.txHash()).ifPresent(tx -> txs.add(JsonViews.transaction(tx)));
    }
    return RpcPaging.next(out, page.next().map(AccountTxIndex.Position::encode));
  }

  private static AccountTxIndex.Position position(byte[] cursor) {
    try {
      return AccountTxIndex.Position.decode(cursor);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("cursor must be a nextCursor this method returned");
    }
  }
}
