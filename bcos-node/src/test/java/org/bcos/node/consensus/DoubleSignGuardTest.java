package org.bcos.node.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The double-sign guard lets out the first message of each (height, round, kind) and identical
 * copies of it, never a different one, never an older height, and remembers across a reopen.
 */
class DoubleSignGuardTest {
  private static final String CHAIN = "bcos-test";
  private final Signer me = Signer.of(Ed25519KeyPair.generate(new SecureRandom()));

  @TempDir Path dir;

  private Vote vote(VoteType type, long height, int round, int value) {
    byte[] id = new byte[32];
    id[0] = (byte) value;
    return Vote.sign(CHAIN, type, height, round, Hash.wrap(id), me);
  }

  private static boolean admit(DoubleSignGuard g, org.bcos.consensus.ConsensusMessage m)
      throws IOException {
    int kind = m instanceof Vote v ? Signer.kindOf(v.type()) : Signer.PROPOSAL;
    Hash value = m instanceof Vote v ? v.valueId() : ((Proposal) m).valueId();
    return g.admit(m.height(), m.round(), kind, value, m.signingBytes(CHAIN)).admitted();
  }

  @Test
  void firstMessageOfAStepAndItsCopiesPassAConflictingOneDoesNot() throws IOException {
    DoubleSignGuard g = DoubleSignGuard.open(dir.resolve("validator.state"));
    assertTrue(admit(g, vote(VoteType.PREVOTE, 5, 0, 1)));
    assertTrue(admit(g, vote(VoteType.PREVOTE, 5, 0, 1)), "the same vote again (a re-send)");
    assertFalse(admit(g, vote(VoteType.PREVOTE, 5, 0, 2)), "another value, same step");
    assertTrue(admit(g, vote(VoteType.PRECOMMIT, 5, 0, 1)), "another kind");
    assertTrue(admit(g, vote(VoteType.PREVOTE, 5, 1, 2)), "a later round");
    Proposal p = Proposal.sign(CHAIN, 5, 2, new byte[] {1, 2, 3}, -1, me);
    assertTrue(admit(g, p));
    assertFalse(admit(g, Proposal.sign(CHAIN, 5, 2, new byte[] {9}, -1, me)));
    assertTrue(admit(g, vote(VoteType.PREVOTE, 6, 0, 3)), "the next height");
    assertFalse(admit(g, vote(VoteType.PREVOTE, 5, 7, 1)), "an older height");
    assertEquals(6, g.height());
  }

  @Test
  void rememberedAcrossAReopenAndACorruptFileStopsTheNode() throws IOException {
    Path file = dir.resolve("validator.state");
    assertTrue(admit(DoubleSignGuard.open(file), vote(VoteType.PRECOMMIT, 9, 3, 1)));
    DoubleSignGuard reopened = DoubleSignGuard.open(file);
    assertFalse(admit(reopened, vote(VoteType.PRECOMMIT, 9, 3, 2)));
    assertTrue(admit(reopened, vote(VoteType.PRECOMMIT, 9, 3, 1)));
    Files.write(file, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> DoubleSignGuard.open(file));
  }

  @Test
  void aFailedWriteRecordsNothingSoTheSameMessageIsNeverLetOutUnrecorded() throws IOException {
    Path home = dir.resolve("keys");
    Files.createDirectories(home);
    DoubleSignGuard g = DoubleSignGuard.open(home.resolve("validator.state"));
    assertTrue(admit(g, vote(VoteType.PREVOTE, 3, 0, 1)));
    breakDirectory(home);
    Vote precommit = vote(VoteType.PRECOMMIT, 3, 0, 1);
    assertThrows(IOException.class, () -> admit(g, precommit));
    assertThrows(IOException.class, () -> admit(g, precommit),
        "asked again, the guard must try to record it again, not answer from memory");
    assertThrows(IOException.class, () -> admit(g, vote(VoteType.PREVOTE, 4, 0, 1)));
    assertEquals(3, g.height(), "a height whose record failed is not taken");
    repairDirectory(home);
    assertTrue(admit(g, precommit));
    assertFalse(admit(DoubleSignGuard.open(home.resolve("validator.state")),
        vote(VoteType.PRECOMMIT, 3, 0, 2)), "recorded once the write worked");
  }

  /** Makes every write under {@code home} fail (like a full disk): a file takes its place. */
  static void breakDirectory(Path home) throws IOException {
    Path aside = home.resolveSibling(home.getFileName() + ".aside");
    Files.move(home, aside);
    Files.write(home, new byte[0]);
  }

  static void repairDirectory(Path home) throws IOException {
    Files.delete(home);
    Files.move(home.resolveSibling(home.getFileName() + ".aside"), home);
  }

  @Test
  void aConflictingVoteNamesTheVoteSignedBeforeEvenAfterAReopen() throws IOException {
    Path file = dir.resolve("validator.state");
    Vote first = vote(VoteType.PREVOTE, 7, 2, 1);
    assertTrue(admit(DoubleSignGuard.open(file), first));
    assertTrue(admit(DoubleSignGuard.open(file), vote(VoteType.PRECOMMIT, 7, 2, 0)));
    DoubleSignGuard reopened = DoubleSignGuard.open(file);
    Vote nil = Vote.sign(CHAIN, VoteType.PREVOTE, 7, 2, null, me);
    DoubleSignGuard.Admission a = reopened.admit(7, 2, Signer.kindOf(VoteType.PREVOTE), null,
        nil.signingBytes(CHAIN));
    assertFalse(a.admitted());
    assertEquals(java.util.Optional.of(java.util.Optional.of(first.valueId())), a.earlierVote());
    Proposal p = Proposal.sign(CHAIN, 7, 3, new byte[] {1}, -1, me);
    assertTrue(admit(reopened, p));
    DoubleSignGuard.Admission other = reopened.admit(7, 3, Signer.PROPOSAL, Hash.ZERO,
        new byte[32]);
    assertFalse(other.admitted());
    assertTrue(other.earlierVote().isEmpty(), "a proposal's block is not kept: no re-send");
  }

  @Test
  void aFileOfTheFormerFormatStillGuards() throws IOException {
    Path file = dir.resolve("validator.state");
    Vote earlier = vote(VoteType.PREVOTE, 4, 0, 1);
    byte[] digest = org.bcos.types.Digests.domain("BCOS/double-sign-guard/v2",
        earlier.signingBytes(CHAIN)).toBytes();
    Files.write(file, new org.bcos.types.codec.Encoder(64).u64(4).varint(1)
        .u64(Signer.kindOf(VoteType.PREVOTE)).hash(Hash.wrap(digest)).toByteArray());
    DoubleSignGuard g = DoubleSignGuard.open(file);
    assertEquals(4, g.height());
    assertTrue(admit(g, earlier));
    assertFalse(admit(g, vote(VoteType.PREVOTE, 4, 0, 2)));
  }
}
