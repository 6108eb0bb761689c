package org.bcos.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcos.types.Digests;
import org.bcos.types.Hex;
import org.bcos.types.codec.CodecException;
import org.junit.jupiter.api.Test;

/**
 * Evidence bytes recorded before {@link Evidence} became one record (they were written by the
 * former {@code DuplicateVote} and {@code DuplicateProposal} twins): they must still decode to the
 * same offence and re-encode to the same bytes, since evidence sits in committed blocks.
 */
class EvidenceGoldenTest {
  static final String VOTE_PAIR = "016e010000000000000005000000010060fbbbae29da270a1cc9976049c2c9bb"
      + "52167fb16eb32754393a98fbd4519fa7b432077d87faa142dba1ae5f3d698c78b93a206ae8bd25c111b3f0d9f7"
      + "0d23db596e24cccecbee45347dda675da6643adbff372dfb7b1971eb7eafa6eea341048e01010000000000000"
      + "0050000000101cd42404d52ad55ccfa9aca4adc828aa5800ad9d385a0671fbcbf72411832061960fbbbae29da"
      + "270a1cc9976049c2c9bb52167fb16eb32754393a98fbd4519fa762a391fb520649ee110bbec584ccf260684d5"
      + "0a03f7e08e192d34ef5c8d0bd7d023ff7a47fc00242c638dd5fe2fd841092c2809be996b8b8d4390295a66b1805";
  static final String PROPOSAL_PAIR = "027800000000000000070000000207626c6f636b20610000000260fbbba"
      + "e29da270a1cc9976049c2c9bb52167fb16eb32754393a98fbd4519fa745cd08d57c56efcb2c3c5d80c2a9feb5"
      + "b1b564c93df2ba33a650c0c2cc1b40f6ae367267928840a76c40307368b75e9f62ba16d9bfa88f4456246123b"
      + "83201027800000000000000070000000207626c6f636b20620000000060fbbbae29da270a1cc9976049c2c9bb"
      + "52167fb16eb32754393a98fbd4519fa7756700e66544d00f7d0d196a41a209e48171f1d8ef0796ac7a7596bb5"
      + "1d07dfcf0a4b331ab22221c5a0643d02cdc7a67c6dc21d7f8c3387ffd839d4cb22aef08";

  private final Signer signer = Signer.of(TestKeys.key(3));

  @Test
  void recordedDoubleVoteDecodesToTheSameOffenceAndBytes() {
    Vote a = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 1,
        Digests.sha256(TestKeys.bytes("value")), signer);
    Vote b = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 5, 1, null, signer);
    Evidence decoded = Evidence.decode(Hex.decode(VOTE_PAIR), 1024);
    assertEquals(new Evidence(a, b), decoded);
    assertEquals(Evidence.Kind.DUPLICATE_VOTE, decoded.kind());
    assertEquals(signer.address(), decoded.offender());
    assertArrayEquals(Hex.decode(VOTE_PAIR), new Evidence(b, a).encode());
  }

  @Test
  void recordedDoubleProposalDecodesToTheSameOffenceAndBytes() {
    Proposal p = Proposal.sign(TestKeys.CHAIN, 7, 2, TestKeys.bytes("block b"), -1, signer);
    Proposal q = Proposal.sign(TestKeys.CHAIN, 7, 2, TestKeys.bytes("block a"), 1, signer);
    Evidence decoded = Evidence.decode(Hex.decode(PROPOSAL_PAIR), 1024);
    assertEquals(new Evidence(p, q), decoded);
    assertEquals(Evidence.Kind.DUPLICATE_PROPOSAL, decoded.kind());
    assertEquals(7, decoded.height());
    assertEquals(2, decoded.round());
    assertArrayEquals(Hex.decode(PROPOSAL_PAIR), new Evidence(p, q).encode());
  }

  @Test
  void aVoteAndAProposalAreNoEvidence() {
    Vote v = Vote.sign(TestKeys.CHAIN, VoteType.PREVOTE, 7, 2, null, signer);
    Proposal p = Proposal.sign(TestKeys.CHAIN, 7, 2, TestKeys.bytes("block"), -1, signer);
    assertThrows(IllegalArgumentException.class, () -> new Evidence(v, p));
    assertThrows(IllegalArgumentException.class, () -> new Evidence(p, v));
  }

  @Test
  void aKindCodeOtherThanTheTwoIsRefused() {
    byte[] bytes = Hex.decode(VOTE_PAIR);
    bytes[0] = 3;
    CodecException e = assertThrows(CodecException.class, () -> Evidence.decode(bytes, 1024));
    assertEquals("unknown evidence kind 3", e.getMessage());
  }

  @Test
  void pairOfTheOtherKindUnderAKindCodeIsRefused() {
    byte[] bytes = Hex.decode(VOTE_PAIR);
    bytes[0] = (byte) Evidence.Kind.DUPLICATE_PROPOSAL.code();
    assertThrows(CodecException.class, () -> Evidence.decode(bytes, 1024));
  }
}
