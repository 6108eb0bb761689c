package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.oneOfText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.rpc.JsonViews;
import org.bcos.types.Hash;

/** {@code bcos_getBlock [ref?, fullTransactions?]}: a block by height, hash or "latest". */
final class BcosGetBlockMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_getBlock",
      "A block by height, hash or \"latest\", with transaction hashes or full transactions.",
      "Costs one work unit per transaction of the block.",
      List.of(RpcParam.optional("ref", JsonSchemas.anyOf(oneOfText("latest"), hash(),
              JsonSchemas.uintParam()), "\"latest\" (the default), a block hash or a height"),
          RpcParam.optional("fullTransactions", bool(),
              "full transaction objects instead of hashes (default false)")),
      new RpcResult("block", CoreSchemas.block()),
      List.of(RpcFailure.notFound("no block has that height or hash")));
  private final Ledger ledger;

  BcosGetBlockMethod(Ledger ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    boolean full = args.flag(1, "fullTransactions", false);
    Optional<Block> block = blockByRef(args);
    Block b = block.orElseThrow(() -> RpcException.notFound("no block " + args.raw(0)));
    budget.charge((long) RpcCosts.BLOCK_TX * b.transactions().size());
    return JsonViews.block(b, full);
  }

  /** {@code "latest"} (or absent), a block hash (64 hex digits), or a height. */
  private Optional<Block> blockByRef(RpcArgs args) {
    if (!args.has(0)) return Optional.of(ledger.head());
    JsonNode ref = args.raw(0);
    if (ref.isTextual() && ref.asText().equals("latest")) return Optional.of(ledger.head());
    if (ref.isTextual() && ref.asText().length() == 2 * Hash.LENGTH) {
      return ledger.block(args.hash(0, "block hash"));
    }
    return ledger.block(args.uint(0, "height"));
  }
}
