package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.FinalTx;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.rpc.JsonViews;
import org.bcos.types.Hash;
import org.bcos.types.tx.Transaction;

/**
 * {@code bcos_getTransaction [hash]}: a final or pending transaction, or why it was dropped from
 * the mempool (the last 10,000 dropped are remembered).
 */
final class BcosGetTransactionMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_getTransaction",
      "A transaction by hash: final, pending, or dropped with its reason.",
      "A transaction admitted to the mempool but refused when a block was built answers"
          + " status dropped with the rejection's code, reason and message.",
      List.of(RpcParam.required("hash", hash(), "the transaction hash")),
      new RpcResult("transaction", JsonSchemas.anyOf(CoreSchemas.transaction(),
          CoreSchemas.droppedTransaction())),
      List.of(RpcFailure.notFound("no transaction with that hash is pending, final or"
          + " recently dropped")));
  private final Ledger ledger;
  private final Mempool mempool;

  BcosGetTransactionMethod(Ledger ledger, Mempool mempool) {
    super(SPEC);
    this.ledger = ledger;
    this.mempool = mempool;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    Hash hash = args.hash(0, "transaction hash");
    Optional<FinalTx> found = ledger.finalTransaction(hash);
    if (found.isPresent()) return JsonViews.transaction(found.get());
    Optional<Transaction> pending = mempool.get(hash);
    if (pending.isPresent()) return JsonViews.transaction(pending.get(), Optional.empty(), null);
    var dropped = mempool.dropped(hash).orElseThrow(
        () -> RpcException.notFound("no transaction " + hash.toHex() + " is pending or final"));
    return RpcJson.object().put("hash", hash.toHex())
        .put("status", "dropped").put("code", dropped.rejection().code())
        .put("reason", dropped.rejection().name()).put("message", dropped.message());
  }
}
