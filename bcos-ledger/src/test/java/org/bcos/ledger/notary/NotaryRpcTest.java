package org.bcos.ledger.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryAttest;
import org.bcos.ledger.notary.api.NotaryRevoke;
import org.bcos.ledger.notary.rpc.NotaryRpc;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.SchemaCheck;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.junit.jupiter.api.Test;

/**
 * The notary's RPC part over a real ledger: {@code notary_getAnchor}: the facts, the header times of their heights, and
 * proofs that verify against the head's root; absence proven; the answer fits its schema.
 */
class NotaryRpcTest {
  private static final Ed25519KeyPair ALICE = LedgerFixtures.key(0);
  private static final Ed25519KeyPair BOB = LedgerFixtures.key(1);
  private static final Ed25519KeyPair CAROL = LedgerFixtures.key(2);
  private static final Hash DOC = Digests.sha256("deed".getBytes(StandardCharsets.UTF_8));

  private final NotaryChain chain = new NotaryChain();
  private final RpcMethod method = new NotaryRpc().methods(chain.ledger).getFirst();

  private JsonNode call(Hash document) {
    return method.call(RpcArgs.of(TextNode.valueOf(document.toHex())), WorkBudget.unbounded());
  }

  private long time(long height) {
    return chain.ledger.block(height).map(Block::header).orElseThrow().timeMillis();
  }

  @Test
  void anAnchorItsAttestationsTheirTimesAndProofs() {
    long anchored = chain.ok(ALICE, new NotaryAnchor(DOC, "deed of sale"));
    long bob = chain.ok(BOB, new NotaryAttest(DOC));
    long carol = chain.ok(CAROL, new NotaryAttest(DOC));
    long revoked = chain.ok(ALICE, new NotaryRevoke(DOC));
    JsonNode a = call(DOC);
    assertConforms(a);
    Hash root = Hash.fromHex(a.path("stateRoot").asText());
    assertEquals(chain.ledger.head().header().stateRoot(), root);
    assertEquals(chain.ledger.head().height(), a.path("height").asLong());
    assertTrue(a.path("anchored").asBoolean());
    JsonNode anchor = a.path("anchor");
    assertEquals(ALICE.address().toString(), anchor.path("anchorer").asText());
    assertEquals(anchored, anchor.path("anchoredHeight").asLong());
    assertEquals(time(anchored), anchor.path("anchoredTimeMillis").asLong());
    assertEquals(revoked, anchor.path("revokedHeight").asLong());
    assertEquals(time(revoked), anchor.path("revokedTimeMillis").asLong());
    assertEquals("deed of sale", anchor.path("label").asText());
    byte[] entry = Hex.decode(a.path("anchorEntry").asText());
    assertEquals(new Anchor(ALICE.address(), anchored, revoked, 2, "deed of sale"),
        Anchor.decode(entry));
    assertTrue(MerkleProof.verifyInclusion(root, StateKey.treeKey(Anchor.STATE_COLUMN,
        DOC.toBytes()), Digests.sha256(entry), proof(a.path("anchorProof"))));
    assertEquals(2, a.path("attestations").size());
    for (JsonNode t : a.path("attestations")) {
      Address attester = Address.parse(t.path("attester").asText());
      long height = attester.equals(BOB.address()) ? bob : carol;
      assertEquals(height, t.path("height").asLong());
      assertEquals(time(height), t.path("timeMillis").asLong());
      byte[] value = Hex.decode(t.path("entry").asText());
      assertTrue(MerkleProof.verifyInclusion(root, StateKey.treeKey(Attestation.STATE_COLUMN,
          Attestation.key(DOC, attester)), Digests.sha256(value), proof(t.path("proof"))));
    }
  }

  @Test
  void aLiveAnchorWithoutAttestationsHasNoRevocationFields() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    JsonNode a = call(DOC);
    assertConforms(a);
    assertFalse(a.path("anchor").path("revoked").asBoolean());
    assertFalse(a.path("anchor").has("revokedHeight"));
    assertEquals(0, a.path("attestations").size());
  }

  @Test
  void aDocumentNeverAnchoredComesWithAProofOfAbsence() {
    JsonNode a = call(DOC);
    assertConforms(a);
    assertFalse(a.path("anchored").asBoolean());
    assertFalse(a.has("anchor"));
    assertTrue(MerkleProof.verifyExclusion(Hash.fromHex(a.path("stateRoot").asText()),
        StateKey.treeKey(Anchor.STATE_COLUMN, DOC.toBytes()), proof(a.path("anchorProof"))));
  }

  @Test
  void aMalformedHashIsRefusedByName() {
    RpcException e = assertThrows(RpcException.class, () -> method.call(
        RpcArgs.of(TextNode.valueOf("12ab")), WorkBudget.unbounded()));
    assertEquals("INVALID_PARAMS", e.reason());
  }

  @Test
  void theWorkIsChargedToTheRequest() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(BOB, new NotaryAttest(DOC));
    WorkBudget small = new WorkBudget(15, 60_000, System::nanoTime, () -> true);
    RpcException e = assertThrows(RpcException.class, () -> method.call(
        RpcArgs.of(TextNode.valueOf(DOC.toHex())), small));
    assertEquals("WORK_LIMIT_EXCEEDED", e.reason());
  }

  @Test
  void notaryMessagesShowTheirDocumentAndLabel() {
    ObjectNode out = RpcJson.object();
    new NotaryRpc().messageFields(new NotaryAnchor(DOC, "x"), out);
    assertEquals(DOC.toHex(), out.path("document").asText());
    assertEquals("x", out.path("label").asText());
    ObjectNode attest = RpcJson.object();
    new NotaryRpc().messageFields(new NotaryAttest(DOC), attest);
    assertEquals(List.of("document"), List.copyOf(iterable(attest)));
  }

  private static List<String> iterable(ObjectNode n) {
    List<String> names = new java.util.ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static MerkleProof proof(JsonNode hex) {
    return MerkleProof.decode(Hex.decode(hex.asText()));
  }

  private void assertConforms(JsonNode answer) {
    assertEquals(List.of(), SchemaCheck.errors(method.spec().result().schema(),
        answer), answer.toString());
  }
}
