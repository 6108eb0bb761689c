package org.bcos.ledger.notary.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.address;
import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.bool;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hash;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.StateProof;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcCosts;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.state.StateKey;
import org.bcos.types.Hash;
import org.bcos.types.Hex;

/**
 * {@code notary_getAnchor [document]}: a document's anchor and attestations, with the block time
 * of each height, and Merkle proofs of the anchor entry and of every attestation entry against
 * one state root (the head's), so a client checks the whole answer against a header it trusts.
 * For a document never anchored: {@code anchored: false} with a proof of absence.
 */
final class NotaryGetAnchorMethod extends AbstractRpcMethod {
  /** Reads of the attestation list before a commit between list and proofs gives up. */
  static final int MAX_READS = 3;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("notary_getAnchor",
      "A document's anchor and attestations, proven against the head's state root.",
      "anchorProof (hex of the canonical MerkleProof) proves anchorEntry (the stored anchor) at"
          + " StateKey.treeKey(notary_anchors, document) under stateRoot, the root of block"
          + " height; or, with anchored false, that no anchor exists. Each attestation's proof"
          + " proves its entry (u64 height) at treeKey(notary_attestations, document ‖ attester)"
          + " under the same root; the proven anchor counts them, so a complete list can be"
          + " told. Times are the block header times of the heights (ms since the epoch).",
      List.of(RpcParam.required("document", hash(), "the document's SHA-256")),
      new RpcResult("anchor", object().field("document", hash()).field("height", uint())
          .field("stateRoot", hash()).field("anchored", bool()).field("anchorProof", hex())
          .optional("anchorEntry", hex())
          .optional("anchor", anchorSchema())
          .optional("attestations", array(attestationSchema(), Anchor.MAX_ATTESTATIONS))
          .build()),
      List.of(new RpcFailure(RpcException.INTERNAL_ERROR, "STATE_MOVING", "blocks adding"
          + " attestations to the document were committed during each of " + MAX_READS
          + " reads (list, then proofs); retry")));

  private final QueryContext ledger;

  NotaryGetAnchorMethod(QueryContext ledger) {
    super(SPEC);
    this.ledger = ledger;
  }

  private static ObjectNode anchorSchema() {
    return object().field("anchorer", address()).field("anchoredHeight", uint())
        .field("anchoredTimeMillis", uint()).field("label", string()).field("revoked", bool())
        .field("attestations", uint()).optional("revokedHeight", uint())
        .optional("revokedTimeMillis", uint()).build();
  }

  private static ObjectNode attestationSchema() {
    return object().field("attester", address()).field("height", uint())
        .field("timeMillis", uint()).field("entry", hex()).field("proof", hex()).build();
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    Hash document = args.hash(0, "document");
    for (int read = 1; read <= MAX_READS; read++) {
      List<StateKey> keys = keys(document, budget);
      List<StateProof> proofs = ledger.proveStates(keys);
      budget.charge((long) RpcCosts.ACCOUNT_PROOF * proofs.size());
      StateProof anchorProof = proofs.getFirst();
      ObjectNode out = RpcJson.object().put("document", document.toHex())
          .put("height", anchorProof.height()).put("stateRoot", anchorProof.stateRoot().toHex())
          .put("anchored", anchorProof.value().isPresent())
          .put("anchorProof", Hex.encode(anchorProof.proof().encode()));
      if (anchorProof.value().isEmpty()) return out;
      Anchor anchor = Anchor.decode(anchorProof.value().get());
      // the list was read before the proofs: a block committed in between may have added one
      if (anchor.attestations() != proofs.size() - 1) continue;
      out.put("anchorEntry", Hex.encode(anchorProof.value().get()));
      out.set("anchor", anchorJson(anchor, budget));
      ArrayNode list = out.putArray("attestations");
      for (int i = 1; i < proofs.size(); i++) {
        list.add(attestationJson(keys.get(i), proofs.get(i), budget));
      }
      return out;
    }
    throw new RpcException(RpcException.INTERNAL_ERROR, "STATE_MOVING", "the document's"
        + " attestations changed during " + MAX_READS + " reads; retry");
  }

  /** The anchor's key, then its attestations' keys (attester order). */
  private List<StateKey> keys(Hash document, WorkBudget budget) {
    List<StateKey> keys = new ArrayList<>();
    keys.add(new StateKey(Anchor.STATE_COLUMN, document.toBytes()));
    for (Map.Entry<byte[], byte[]> e : ledger.stateEntries(Attestation.STATE_COLUMN,
        document.toBytes(), Anchor.MAX_ATTESTATIONS)) {
      budget.charge(RpcCosts.STATE_ENTRY);
      keys.add(new StateKey(Attestation.STATE_COLUMN, e.getKey()));
    }
    return keys;
  }

  private ObjectNode anchorJson(Anchor anchor, WorkBudget budget) {
    ObjectNode n = RpcJson.object().put("anchorer", anchor.anchorer().toString())
        .put("anchoredHeight", anchor.anchoredHeight())
        .put("anchoredTimeMillis", time(anchor.anchoredHeight(), budget))
        .put("label", anchor.label()).put("revoked", anchor.revoked())
        .put("attestations", anchor.attestations());
    if (anchor.revoked()) {
      n.put("revokedHeight", anchor.revokedHeight())
          .put("revokedTimeMillis", time(anchor.revokedHeight(), budget));
    }
    return n;
  }

  private ObjectNode attestationJson(StateKey key, StateProof proof, WorkBudget budget) {
    byte[] entry = proof.value().orElseThrow(() -> new IllegalStateException(
        "an attestation listed at the head is missing from it"));
    Attestation a = Attestation.decode(key.key(), entry);
    return RpcJson.object().put("attester", a.attester().toString()).put("height", a.height())
        .put("timeMillis", time(a.height(), budget)).put("entry", Hex.encode(entry))
        .put("proof", Hex.encode(proof.proof().encode()));
  }

  /** The header time of a committed height (a stored height is always committed). */
  private long time(long height, WorkBudget budget) {
    budget.charge(RpcCosts.STATE_ENTRY);
    return ledger.blockTimeMillis(height).orElseThrow(() -> new IllegalStateException(
        "no committed block at stored height " + height));
  }
}
