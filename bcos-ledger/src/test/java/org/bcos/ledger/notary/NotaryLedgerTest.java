package org.bcos.ledger.notary;

import static org.bcos.ledger.LedgerFixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.ledger.notary.api.NotaryAnchor;
import org.bcos.ledger.notary.api.NotaryApi;
import org.bcos.ledger.notary.api.NotaryAttest;
import org.bcos.ledger.notary.api.NotaryRejection;
import org.bcos.ledger.notary.api.NotaryRevoke;
import org.bcos.ledger.spi.StateProof;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The notary module through the ledger: anchors, attestations and revocations land in state at
 * their block's height; every named rejection leaves the state root unchanged (and still refuses
 * at admission); state entries come with Merkle proofs that verify against the head's state root.
 */
class NotaryLedgerTest {
  private static final Ed25519KeyPair ALICE = key(0);
  private static final Ed25519KeyPair BOB = key(1);
  private static final Ed25519KeyPair CAROL = key(2);
  private static final Hash DOC = Digests.sha256("the contract".getBytes(StandardCharsets.UTF_8));
  private static final Hash OTHER = Digests.sha256("another".getBytes(StandardCharsets.UTF_8));

  private final NotaryChain chain = new NotaryChain();
  private final Ledger ledger = chain.ledger;

  // --- what succeeds ---------------------------------------------------------------------------

  @Test
  void anchorRecordsAnchorerHeightAndLabel() {
    long height = chain.ok(ALICE, new NotaryAnchor(DOC, "Kaufvertrag Nr. 7 — signé"));
    Anchor a = notary().anchor(DOC).orElseThrow();
    assertEquals(new Anchor(ALICE.address(), height, 0, 0, "Kaufvertrag Nr. 7 — signé"), a);
    assertFalse(a.revoked());
    assertEquals(List.of(), notary().attestations(DOC));
    assertTrue(notary().anchor(OTHER).isEmpty());
  }

  @Test
  void anchorWithoutLabelAndAtTheLabelLimit() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(ALICE, new NotaryAnchor(OTHER, "é".repeat(NotaryAnchor.MAX_LABEL_BYTES / 2)));
    assertEquals("", notary().anchor(DOC).orElseThrow().label());
    assertEquals(NotaryAnchor.MAX_LABEL_BYTES,
        notary().anchor(OTHER).orElseThrow().label().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void attestationsAreRecordedWithTheirHeightsInAddressOrder() {
    chain.ok(ALICE, new NotaryAnchor(DOC, "deed"));
    long bobHeight = chain.ok(BOB, new NotaryAttest(DOC));
    long carolHeight = chain.ok(CAROL, new NotaryAttest(DOC));
    List<Attestation> expected = new java.util.ArrayList<>(List.of(
        new Attestation(BOB.address(), bobHeight), new Attestation(CAROL.address(), carolHeight)));
    expected.sort(java.util.Comparator.comparing(Attestation::attester));
    assertEquals(expected, notary().attestations(DOC));
    assertEquals(2, notary().anchor(DOC).orElseThrow().attestations());
    assertEquals(List.of(), notary().attestations(OTHER), "attestations stay with their document");
  }

  @Test
  void revokeByTheAnchorerMarksTheHeightAndKeepsTheRecord() {
    long anchored = chain.ok(ALICE, new NotaryAnchor(DOC, "deed"));
    long attested = chain.ok(BOB, new NotaryAttest(DOC));
    long revoked = chain.ok(ALICE, new NotaryRevoke(DOC));
    assertEquals(new Anchor(ALICE.address(), anchored, revoked, 1, "deed"),
        notary().anchor(DOC).orElseThrow());
    assertEquals(List.of(new Attestation(BOB.address(), attested)), notary().attestations(DOC));
  }

  @Test
  void everyNotaryMessagePaysTheNormalFee() {
    long before = balance(ALICE);
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(ALICE, new NotaryRevoke(DOC));
    assertEquals(before - 2 * LedgerFixtures.MIN_FEE, balance(ALICE));
    long bobBefore = balance(BOB);
    chain.ok(ALICE, new NotaryAnchor(OTHER, ""));
    chain.ok(BOB, new NotaryAttest(OTHER));
    assertEquals(bobBefore - LedgerFixtures.MIN_FEE, balance(BOB));
  }

  // --- named rejections: nothing changes -------------------------------------------------------

  @Test
  void aDocumentIsAnchoredOnlyOnceEvenByItsAnchorer() {
    chain.ok(ALICE, new NotaryAnchor(DOC, "first"));
    chain.rejected(NotaryRejection.ALREADY_ANCHORED, BOB, new NotaryAnchor(DOC, "mine"));
    chain.rejected(NotaryRejection.ALREADY_ANCHORED, ALICE, new NotaryAnchor(DOC, "again"));
    assertEquals("first", notary().anchor(DOC).orElseThrow().label());
  }

  @Test
  void aRevokedDocumentCannotBeAnchoredAgain() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(ALICE, new NotaryRevoke(DOC));
    chain.rejected(NotaryRejection.ALREADY_ANCHORED, BOB, new NotaryAnchor(DOC, "fresh start"));
  }

  @Test
  void attestingOrRevokingAMissingAnchorIsRefused() {
    chain.rejected(NotaryRejection.NO_SUCH_ANCHOR, BOB, new NotaryAttest(DOC));
    chain.rejected(NotaryRejection.NO_SUCH_ANCHOR, ALICE, new NotaryRevoke(DOC));
  }

  @Test
  void onlyTheAnchorerRevokes() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(BOB, new NotaryAttest(DOC));
    chain.rejected(NotaryRejection.NOT_ANCHORER, BOB, new NotaryRevoke(DOC));
    chain.rejected(NotaryRejection.NOT_ANCHORER, CAROL, new NotaryRevoke(DOC));
    assertFalse(notary().anchor(DOC).orElseThrow().revoked());
  }

  @Test
  void aRevokedAnchorIsNeitherRevokedAgainNorAttested() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.ok(ALICE, new NotaryRevoke(DOC));
    chain.rejected(NotaryRejection.ANCHOR_REVOKED, ALICE, new NotaryRevoke(DOC));
    chain.rejected(NotaryRejection.ANCHOR_REVOKED, BOB, new NotaryAttest(DOC));
  }

  @Test
  void anAccountAttestsOnceAndNeverItsOwnAnchor() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    chain.rejected(NotaryRejection.SELF_ATTESTATION, ALICE, new NotaryAttest(DOC));
    chain.ok(BOB, new NotaryAttest(DOC));
    chain.rejected(NotaryRejection.ALREADY_ATTESTED, BOB, new NotaryAttest(DOC));
    assertEquals(1, notary().anchor(DOC).orElseThrow().attestations());
  }

  @Test
  void anAnchorCollectsAtMostTheAllowedAttestations() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    // attesters without accounts cannot pay: fund them from the first holders in a few blocks
    List<Ed25519KeyPair> attesters = new java.util.ArrayList<>();
    for (int i = 0; i <= Anchor.MAX_ATTESTATIONS; i++) attesters.add(key(100 + i));
    fund(attesters);
    for (int i = 0; i < Anchor.MAX_ATTESTATIONS; i += 32) {
      List<Transaction> txs = attesters.subList(i, i + 32).stream()
          .map(k -> chain.tx(k, 0, new NotaryAttest(DOC))).toList();
      assertEquals(List.of(), chain.block(txs).skipped());
    }
    assertEquals(Anchor.MAX_ATTESTATIONS, notary().anchor(DOC).orElseThrow().attestations());
    assertEquals(Anchor.MAX_ATTESTATIONS, notary().attestations(DOC).size());
    chain.rejected(NotaryRejection.TOO_MANY_ATTESTATIONS, attesters.getLast(), new NotaryAttest(DOC));
  }

  @Test
  void aLabelOverTheLimitIsRefusedByNameAfterDecoding() {
    NotaryAnchor tooLong = new NotaryAnchor(DOC, "x".repeat(NotaryAnchor.MAX_LABEL_BYTES + 1));
    Transaction tx = chain.tx(ALICE, chain.nonce(ALICE), tooLong);
    // the codec lets it through, so the caller learns the reason, not "malformed"
    assertEquals(tooLong, Modules.decodeTransaction(tx.encoded()).message());
    assertEquals(NotaryRejection.LABEL_TOO_LONG,
        ledger.processor().checkStateless(tx).rejection());
    chain.rejected(NotaryRejection.LABEL_TOO_LONG, tx);
  }

  @Test
  void aLabelWithControlCharactersIsRefused() {
    Transaction tx = chain.tx(ALICE, chain.nonce(ALICE), new NotaryAnchor(DOC, "ok\u001b[2Jforged"));
    assertEquals(NotaryRejection.LABEL_INVALID,
        ledger.processor().checkStateless(tx).rejection());
    chain.rejected(NotaryRejection.LABEL_INVALID, tx);
  }

  @Test
  void stateRefusalsAreAlsoRefusedAtAdmission() {
    chain.ok(ALICE, new NotaryAnchor(DOC, ""));
    assertEquals(NotaryRejection.ALREADY_ANCHORED,
        ledger.checkAdmission(chain.tx(BOB, chain.nonce(BOB), new NotaryAnchor(DOC, ""))).rejection());
    assertEquals(NotaryRejection.NOT_ANCHORER,
        ledger.checkAdmission(chain.tx(BOB, chain.nonce(BOB), new NotaryRevoke(DOC))).rejection());
    assertEquals(NotaryRejection.NO_SUCH_ANCHOR,
        ledger.checkAdmission(chain.tx(BOB, chain.nonce(BOB), new NotaryAttest(OTHER))).rejection());
    assertTrue(ledger.checkAdmission(chain.tx(BOB, chain.nonce(BOB), new NotaryAttest(DOC))).ok());
  }

  // --- encoding and proofs ---------------------------------------------------------------------

  @Test
  void messagesRoundTripThroughTheRegistry() {
    for (Message m : List.of(new NotaryAnchor(DOC, "label ü"), new NotaryAttest(DOC),
        new NotaryRevoke(OTHER))) {
      Transaction tx = chain.tx(ALICE, 7, m);
      assertEquals(m, Modules.decodeTransaction(tx.encoded()).message());
      assertEquals("notary." + m.getClass().getSimpleName().substring(6).toLowerCase(
          java.util.Locale.ROOT), Modules.STANDARD.typeOf(m).orElseThrow().name());
    }
  }

  @Test
  void anchorAndAttestationEntriesProveAgainstTheHeadStateRoot() {
    chain.ok(ALICE, new NotaryAnchor(DOC, "deed"));
    chain.ok(BOB, new NotaryAttest(DOC));
    StateProof anchor = ledger.proveState(Anchor.STATE_COLUMN, DOC.toBytes());
    assertEquals(ledger.head().header().stateRoot(), anchor.stateRoot());
    assertEquals(notary().anchor(DOC).orElseThrow(), Anchor.decode(anchor.value().orElseThrow()));
    assertTrue(proves(anchor, Anchor.STATE_COLUMN, DOC.toBytes()));
    byte[] key = Attestation.key(DOC, BOB.address());
    StateProof attestation = ledger.proveState(Attestation.STATE_COLUMN, key);
    assertTrue(proves(attestation, Attestation.STATE_COLUMN, key));
    StateProof missing = ledger.proveState(Anchor.STATE_COLUMN, OTHER.toBytes());
    assertTrue(missing.value().isEmpty());
    assertTrue(MerkleProof.verifyExclusion(missing.stateRoot(),
        StateKey.treeKey(Anchor.STATE_COLUMN, OTHER.toBytes()), missing.proof()));
  }

  @Test
  void aTamperedAnchorDoesNotProve() {
    chain.ok(ALICE, new NotaryAnchor(DOC, "deed"));
    StateProof p = ledger.proveState(Anchor.STATE_COLUMN, DOC.toBytes());
    Anchor real = Anchor.decode(p.value().orElseThrow());
    byte[] forged = new Anchor(BOB.address(), real.anchoredHeight(), 0, 0, "deed").encode();
    assertFalse(MerkleProof.verifyInclusion(p.stateRoot(),
        StateKey.treeKey(Anchor.STATE_COLUMN, DOC.toBytes()), Digests.sha256(forged), p.proof()));
  }

  @Test
  void anchorRecordsRoundTripAndRefuseImpossibleValues() {
    Anchor a = new Anchor(ALICE.address(), 5, 9, 3, "x");
    assertEquals(a, Anchor.decode(a.encode()));
    assertThrowsState(() -> new Anchor(ALICE.address(), 0, 0, 0, ""));
    assertThrowsState(() -> new Anchor(ALICE.address(), 5, 4, 0, ""));
    assertThrowsState(() -> new Anchor(ALICE.address(), 5, 0, Anchor.MAX_ATTESTATIONS + 1, ""));
    Attestation t = new Attestation(BOB.address(), 3);
    assertEquals(t, Attestation.decode(Attestation.key(DOC, BOB.address()), t.encodeValue()));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static void assertThrowsState(org.junit.jupiter.api.function.Executable e) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, e);
  }

  private boolean proves(StateProof p, org.bcos.storage.Column column, byte[] key) {
    return MerkleProof.verifyInclusion(p.stateRoot(), StateKey.treeKey(column, key),
        Digests.sha256(p.value().orElseThrow()), p.proof());
  }

  private NotaryApi notary() {
    return ledger.api(NotaryApi.class);
  }

  private long balance(Ed25519KeyPair k) {
    return ledger.account(k.address()).map(Account::balanceUnits).orElse(0L);
  }

  /** Gives each key one DDC from the first holder (one transfer each, 64 per block). */
  private void fund(List<Ed25519KeyPair> keys) {
    Ed25519KeyPair payer = key(3);
    long nonce = chain.nonce(payer);
    for (int i = 0; i < keys.size(); i += 64) {
      List<Transaction> txs = new java.util.ArrayList<>();
      for (Ed25519KeyPair k : keys.subList(i, Math.min(keys.size(), i + 64))) {
        txs.add(LedgerFixtures.transfer(payer, k.address(), org.bcos.types.Amount.UNITS_PER_DDC,
            nonce++, LedgerFixtures.MIN_FEE, ledger.head().height() + 100));
      }
      assertEquals(List.of(), chain.block(txs).skipped());
    }
  }
}
