package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.mempool.Mempool;
import org.bcos.node.rpc.JsonViews;
import org.bcos.types.Address;

/** {@code bcos_getAccount [address, withProof?]}: balance and nonces, optionally proven. */
final class BcosGetAccountMethod extends AbstractRpcMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("bcos_getAccount",
      "An account's balance, nonce and pending nonce, with a Merkle proof on request.",
      "pendingNonce counts the sender's consecutive pending transactions: use it for the next"
          + " transaction. With withProof, proof (hex of the canonical MerkleProof) and"
          + " accountEncoding (absent for an account that does not exist) prove the answer"
          + " against stateRoot.",
      List.of(RpcParam.required("address", address(), "the account"),
          RpcParam.optional("withProof", bool(), "also return a Merkle proof (default false)")),
      new RpcResult("account", object().field("address", address()).field("exists", bool())
          .amountField("balance").field("nonce", uint()).field("pendingNonce", uint())
          .field("height", uint()).field("stateRoot", hash()).optional("proof", hex())
          .optional("accountEncoding", hex()).build()),
      List.of());
  private final Ledger ledger;
  private final Mempool mempool;

  BcosGetAccountMethod(Ledger ledger, Mempool mempool) {
    super(SPEC);
    this.ledger = ledger;
    this.mempool = mempool;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    Address address = args.address(0, "address");
    boolean withProof = args.flag(1, "withProof", false);
    budget.charge(RpcCosts.ACCOUNT_PROOF);
    Ledger.AccountProof proof = ledger.proveAccount(address);
    long committedNonce = proof.account().map(a -> a.nonce()).orElse(0L);
    return JsonViews.account(proof, address.toString(),
        mempool.pendingNonce(address, committedNonce), withProof);
  }
}
