package org.bcos.node.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.bcos.ledger.FinalTx;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.TxLocation;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.bcos.types.tx.Transaction;

/** JSON shapes of the API: amounts as exact DDC strings plus base units under {@code …Units}. */
public final class JsonViews {
  /** The API's one mapper ({@link RpcJson#MAPPER}). */
  public static final com.fasterxml.jackson.databind.ObjectMapper JSON = RpcJson.MAPPER;

  private JsonViews() {}

  public static ObjectNode account(Ledger.AccountProof proof, String address, long pendingNonce,
      boolean withProof) {
    ObjectNode n = JSON.createObjectNode();
    n.put("address", address);
    Optional<Account> a = proof.account();
    n.put("exists", a.isPresent());
    RpcJson.amount(n, "balance", a.map(Account::balanceUnits).orElse(0L));
    n.put("nonce", a.map(Account::nonce).orElse(0L));
    n.put("pendingNonce", pendingNonce);
    n.put("height", proof.height());
    n.put("stateRoot", proof.stateRoot().toHex());
    if (withProof) {
      n.put("proof", Hex.encode(proof.proof().encode()));
      a.ifPresent(acct -> n.put("accountEncoding", Hex.encode(acct.encode())));
    }
    return n;
  }

  public static ObjectNode header(Block block) {
    BlockHeader h = block.header();
    ObjectNode n = JSON.createObjectNode();
    n.put("height", h.height());
    n.put("hash", block.hash().toHex());
    n.put("timeMillis", h.timeMillis());
    n.put("previousHash", h.previousHash().toHex());
    n.put("txRoot", h.txRoot().toHex());
    n.put("stateRoot", h.stateRoot().toHex());
    n.put("proposer", h.proposer().toString());
    n.put("txCount", h.txCount());
    // only a header that carries it (from a chain's first upgrade on); absent: the genesis version
    if (h.carriesVersion()) n.put("protocolVersion", h.protocolVersion());
    n.put("signature", Hex.encode(block.signature()));
    if (h.carriesLastCommit()) {
      n.put("lastCommitHash", h.lastCommitHash().toHex());
      ArrayNode signers = n.putArray("lastCommitSigners");
      for (var a : lastCommitSigners(block)) signers.add(a.toString());
    }
    return n;
  }

  /** Who signed the previous block's certificate {@code block} carries (none in block 1). */
  private static java.util.List<org.bcos.types.Address> lastCommitSigners(Block block) {
    byte[] carried = block.lastCommit();
    if (carried.length == 0) return java.util.List.of();
    // a stored block passed the commit check, so its certificate decodes
    return org.bcos.consensus.CommitCertificate.decode(carried,
        Block.MAX_LAST_COMMIT_BYTES / 96).signatures().stream()
        .map(org.bcos.consensus.CommitCertificate.Signature::validator).toList();
  }

  public static ObjectNode block(Block block, boolean fullTransactions) {
    ObjectNode n = header(block);
    ArrayNode txs = n.putArray("transactions");
    for (int i = 0; i < block.transactions().size(); i++) {
      Transaction tx = block.transactions().get(i);
      if (fullTransactions) {
        txs.add(transaction(tx, Optional.of(new TxLocation(block.height(), i)), block));
      } else {
        txs.add(tx.hash().toHex());
      }
    }
    return n;
  }

  public static ObjectNode transaction(Transaction tx, Optional<TxLocation> location,
      Block block) {
    return transaction(tx, location, block == null ? null : block.hash());
  }

  /** A final transaction as the transaction index holds it (no block read). */
  public static ObjectNode transaction(FinalTx found) {
    return transaction(found.tx(), Optional.of(found.location()), found.blockHash());
  }

  private static ObjectNode transaction(Transaction tx, Optional<TxLocation> location,
      Hash blockHash) {
    ObjectNode n = JSON.createObjectNode();
    n.put("hash", tx.hash().toHex());
    n.put("status", location.isPresent() ? "final" : "pending");
    location.ifPresent(l -> {
      n.put("height", l.height());
      n.put("index", l.index());
      if (blockHash != null) n.put("blockHash", blockHash.toHex());
    });
    n.put("chainId", tx.body().chainId());
    n.put("from", tx.sender().toString());
    n.put("nonce", tx.nonce());
    RpcJson.amount(n, "fee", tx.fee());
    n.put("expiryHeight", tx.body().expiryHeight());
    if (tx.powStamp() != 0) n.put("powStamp", Long.toUnsignedString(tx.powStamp()));
    Modules.STANDARD.typeOf(tx.message()).ifPresent(t -> n.put("type", t.name()));
    Modules.STANDARD.moduleOf(tx.message()).flatMap(m -> m.rpc())
        .ifPresent(rpc -> rpc.messageFields(tx.message(), n));
    return n;
  }
}
