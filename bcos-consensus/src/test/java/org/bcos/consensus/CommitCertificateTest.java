package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.junit.jupiter.api.Test;

class CommitCertificateTest {
  private final List<Ed25519KeyPair> keys = TestKeys.keys(4);
  private final ValidatorSet set = TestKeys.set(keys, 1, 1, 1, 1);
  private final Hash value = Proposal.valueId(TestKeys.bytes("block"));

  private CommitCertificate certificateFrom(int... signers) {
    List<Vote> votes = new ArrayList<>();
    for (int i : signers) {
      votes.add(Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 5, 2, value, Signer.of(keys.get(i))));
    }
    return CommitCertificate.of(5, 2, value, votes);
  }

  @Test
  void certificateOfAQuorumVerifies() {
    assertTrue(certificateFrom(0, 1, 2).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertTrue(certificateFrom(3, 1, 0, 2).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
  }

  @Test
  void tamperedCertificatesDoNotVerify() {
    CommitCertificate good = certificateFrom(0, 1, 2);
    assertFalse(certificateFrom(0, 1).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER), "below quorum");
    CommitCertificate otherValue =
        new CommitCertificate(5, 2, Hash.ZERO, good.signatures());
    assertFalse(otherValue.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER), "signatures are for another value");
    CommitCertificate otherRound = new CommitCertificate(5, 3, value, good.signatures());
    assertFalse(otherRound.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    List<CommitCertificate.Signature> sigs = new ArrayList<>(good.signatures());
    byte[] flipped = sigs.get(0).signature();
    flipped[10] ^= 1;
    sigs.set(0, new CommitCertificate.Signature(sigs.get(0).validator(), flipped));
    assertFalse(new CommitCertificate(5, 2, value, sigs).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    ValidatorSet heavy = TestKeys.set(keys, 1, 1, 1, 10);
    assertFalse(good.verify(TestKeys.CHAIN, heavy, TestKeys.VERIFIER), "2/3 of count is not 2/3 of stake");
  }

  @Test
  void outsiderSignaturesAndPrevotesAreRefused() {
    Vote outsider = Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 5, 2, value, Signer.of(TestKeys.key(77)));
    List<CommitCertificate.Signature> sigs = new ArrayList<>(certificateFrom(0, 1, 2).signatures());
    sigs.add(new CommitCertificate.Signature(outsider.validator(), outsider.signature()));
    assertFalse(new CommitCertificate(5, 2, value, sigs).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    Vote prevote = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 2, value, Signer.of(keys.get(0)));
    assertThrows(IllegalArgumentException.class, () -> CommitCertificate.of(5, 2, value, List.of(prevote)));
    List<CommitCertificate.Signature> prevoteSigs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Vote pv = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 2, value, Signer.of(keys.get(i)));
      prevoteSigs.add(new CommitCertificate.Signature(pv.validator(), pv.signature()));
    }
    assertFalse(new CommitCertificate(5, 2, value, prevoteSigs).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER),
        "domain/type separation: prevote signatures are not precommits");
  }

  @Test
  void signaturesCoverTheChainId() {
    Vote v = Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 5, 2, value, Signer.of(keys.get(0)));
    assertTrue(v.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    assertFalse(v.verify("bcos-other", TestKeys.VERIFIER), "not replayable on another chain");
    assertFalse(java.util.Arrays.equals(v.signingBytes(TestKeys.CHAIN), v.signingBytes("bcos-other")));
    Proposal p = Proposal.sign(TestKeys.CHAIN, 5, 2, TestKeys.bytes("blk"), -1, Signer.of(keys.get(1)));
    assertTrue(p.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    assertFalse(p.verify("bcos-other", TestKeys.VERIFIER));
    CommitCertificate c = certificateFrom(0, 1, 2);
    assertTrue(c.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertFalse(c.verify("bcos-other", set, TestKeys.VERIFIER));
    Evidence e = new Evidence(v,
        Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 5, 2, null, Signer.of(keys.get(0))));
    assertTrue(e.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertFalse(e.verify("bcos-other", set, TestKeys.VERIFIER));
    assertThrows(IllegalArgumentException.class, () -> v.verify("", TestKeys.VERIFIER));
    assertThrows(IllegalArgumentException.class, () -> ConsensusConfig.defaults("x".repeat(33)));
  }

  @Test
  void canonicalOrderAndNoDuplicates() {
    assertEquals(certificateFrom(2, 0, 1), certificateFrom(0, 1, 2));
    CommitCertificate c = certificateFrom(0);
    List<CommitCertificate.Signature> twice = new ArrayList<>(c.signatures());
    twice.addAll(c.signatures());
    assertThrows(IllegalArgumentException.class, () -> new CommitCertificate(5, 2, value, twice));
  }

  @Test
  void votesAndProposalsRoundTripThroughTheCodec() {
    Vote v = Vote.sign(TestKeys.CHAIN, VoteType.PRECOMMIT, 9, 4, value, Signer.of(keys.get(1)));
    assertEquals(v, Vote.decode(v.encode()));
    Vote nil = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 9, 4, null, Signer.of(keys.get(1)));
    assertEquals(nil, Vote.decode(nil.encode()));
    Proposal p = Proposal.sign(TestKeys.CHAIN, 9, 4, TestKeys.bytes("blk"), 2, Signer.of(keys.get(2)));
    Proposal back = Proposal.decode(p.encode(), 1024);
    assertEquals(p, back);
    assertTrue(back.verify(TestKeys.CHAIN, TestKeys.VERIFIER));
    byte[] extra = java.util.Arrays.copyOf(v.encode(), v.encode().length + 1);
    assertThrows(CodecException.class, () -> Vote.decode(extra));
  }

  @Test
  void evidenceIsCanonicalAndVerifiable() {
    Signer s = Signer.of(keys.get(3));
    Vote a = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 1, value, s);
    Vote b = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 1, null, s);
    Evidence e = new Evidence(a, b);
    assertEquals(e, new Evidence(b, a));
    assertTrue(e.verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertFalse(e.verify(TestKeys.CHAIN, TestKeys.set(keys.subList(0, 3)), TestKeys.VERIFIER));
    Vote forged = new Vote(VoteType.PREVOTE, 5, 1, Hash.ZERO, s.address(), a.signature());
    assertFalse(new Evidence(a, forged).verify(TestKeys.CHAIN, set, TestKeys.VERIFIER));
    assertThrows(IllegalArgumentException.class, () -> new Evidence(a, a));
    Vote otherRound = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 2, null, s);
    assertThrows(IllegalArgumentException.class, () -> new Evidence(a, otherRound));
  }
}
