package org.bcos.node.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.BlockHeader;
import org.bcos.ledger.block.CommitCheck;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

/**
 * The node's commit check ({@link ChainConsensus#commitCheck}) on a version-3 chain of four
 * validators with real precommit signatures: a proposer carries the certificate its ledger
 * stored, a replica accepts it, every malformed certificate is refused with its problem named,
 * and a validator whose precommits are never in the certificates leaves the set (downtime).
 */
class LastCommitCheckTest {
  private static final String CHAIN = "bcos-lastcommit";
  private static final long DDC = Amount.UNITS_PER_DDC;
  private static final long GENESIS_MILLIS = 1_700_000_000_000L;
  private static final List<Ed25519KeyPair> KEYS = keys("validator", 4);
  private static final Ed25519KeyPair OUTSIDER = keys("outsider", 1).getFirst();

  private static List<Ed25519KeyPair> keys(String name, int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Ed25519KeyPair.fromSeed(Digests.sha256((name + i)
          .getBytes(StandardCharsets.US_ASCII)).toBytes()));
    }
    return out;
  }

  private static Genesis genesis() {
    ChainParams params = ChainParams.defaults(CHAIN).with("downtimeWindowBlocks", 10)
        .with("maxValidators", 4);
    List<Genesis.Validator> validators = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    long rest = Amount.TOTAL_SUPPLY_UNITS;
    for (Ed25519KeyPair k : KEYS) {
      validators.add(new Genesis.Validator(k.address(), 1_000 * DDC));
      allocations.add(new Genesis.Allocation(k.address(), 1_000 * DDC));
      rest -= 1_000 * DDC;
    }
    allocations.add(new Genesis.Allocation(OUTSIDER.address(), rest));
    return new Genesis(params, GENESIS_MILLIS, validators, allocations, 3, Optional.empty());
  }

  private static Ledger open() {
    return Ledger.open(new InMemoryStore(), genesis(), SignatureCheck.withBestVerifier(),
        ChainConsensus.evidenceCheck(Ed25519.verifier()),
        ChainConsensus.commitCheck(Ed25519.verifier()));
  }

  private final Ledger ledger = open();
  private final Ledger replica = open();

  /** Precommits for {@code block} at its height, round 0, by {@code signers} on {@code chain}. */
  private static CommitCertificate certify(Block block, List<Ed25519KeyPair> signers,
      String chain) {
    Hash valueId = Proposal.valueId(block.encode());
    List<Vote> votes = new ArrayList<>();
    for (Ed25519KeyPair k : signers) {
      votes.add(Vote.sign(chain, VoteType.PRECOMMIT, block.height(), 0, valueId, Signer.of(k)));
    }
    return CommitCertificate.of(block.height(), 0, valueId, votes);
  }

  /** Proposes the next block (by validator 0), decides it with {@code signers}, commits both. */
  private Block decide(List<Ed25519KeyPair> signers) {
    Block b = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + ledger.headHeight() + 1)
        .block();
    byte[] cert = certify(b, signers, CHAIN).encode();
    ledger.commitBlock(b, cert);
    replica.commitBlock(b, cert);
    return b;
  }

  private static Block carrying(Block good, byte[] lastCommit) {
    BlockHeader h = good.header();
    BlockHeader header = new BlockHeader(h.chainId(), h.height(), h.timeMillis(),
        h.previousHash(), h.txRoot(), h.stateRoot(), h.proposer(), h.txCount(),
        h.protocolVersion(), Block.lastCommitHash(lastCommit));
    return new Block(header, KEYS.get(0).sign(header.hash().toBytes()), good.transactions(),
        lastCommit);
  }

  private void assertRefused(Block bad, CommitCheck.Problem problem) {
    Ledger.InvalidBlockException e = assertThrows(Ledger.InvalidBlockException.class,
        () -> replica.checkBlock(bad));
    assertEquals(Ledger.InvalidBlockException.Reason.LAST_COMMIT_INVALID, e.reason());
    assertTrue(e.getMessage().startsWith(problem.name()), e.getMessage());
  }

  @Test
  void theProposerCarriesTheStoredCertificateAndAReplicaAcceptsIt() {
    Block one = decide(KEYS);
    Block two = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 2).block();
    assertArrayEquals(ledger.commitCertificate(1).orElseThrow(), two.lastCommit());
    replica.checkBlock(two);
    var json = org.bcos.node.rpc.JsonViews.header(two);
    assertEquals(two.header().lastCommitHash().toHex(), json.path("lastCommitHash").asText());
    assertEquals(4, json.path("lastCommitSigners").size(), json.toString());
    assertEquals(0, org.bcos.node.rpc.JsonViews.header(one).path("lastCommitSigners").size());
    assertEquals(Optional.empty(), ChainConsensus.certificateProblem(replica, one, one.encode(),
        certify(one, KEYS, CHAIN).encode(), Ed25519.verifier()), "the sync check agrees");
  }

  @Test
  void everyBadCertificateIsRefusedWithItsProblem() {
    Block one = decide(KEYS);
    Block good = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 2).block();
    CommitCertificate real = certify(one, KEYS, CHAIN);

    List<CommitCertificate.Signature> flipped = new ArrayList<>(real.signatures());
    byte[] sig = flipped.get(2).signature();
    sig[7] ^= 1;
    flipped.set(2, new CommitCertificate.Signature(flipped.get(2).validator(), sig));
    assertRefused(carrying(good, new CommitCertificate(1, 0, real.valueId(), flipped).encode()),
        CommitCheck.Problem.BAD_SIGNATURE);
    assertRefused(carrying(good, certify(one, KEYS, "another-chain").encode()),
        CommitCheck.Problem.BAD_SIGNATURE);
    assertRefused(carrying(good, certify(one, KEYS.subList(0, 2), CHAIN).encode()),
        CommitCheck.Problem.NO_QUORUM);
    assertRefused(carrying(good, certify(one, List.of(KEYS.get(0), KEYS.get(1), OUTSIDER),
        CHAIN).encode()), CommitCheck.Problem.NOT_A_MEMBER);
    assertRefused(carrying(good, new CommitCertificate(2, 0, real.valueId(), real.signatures())
        .encode()), CommitCheck.Problem.WRONG_HEIGHT);
    assertRefused(carrying(good, new CommitCertificate(1, 0, Hash.ZERO, real.signatures())
        .encode()), CommitCheck.Problem.WRONG_BLOCK);
    assertRefused(carrying(good, withDuplicate(real)), CommitCheck.Problem.DUPLICATE_SIGNER);
    assertRefused(carrying(good, new byte[] {1, 2, 3}), CommitCheck.Problem.UNDECODABLE);
    replica.checkBlock(good); // and the real one still passes
  }

  /** {@code cert}'s encoding with its first signature repeated (the record refuses to hold it). */
  private static byte[] withDuplicate(CommitCertificate cert) {
    List<CommitCertificate.Signature> s = cert.signatures();
    Encoder e = new Encoder(600).u64(cert.height()).u32(cert.round()).hash(cert.valueId())
        .varint(s.size());
    e.address(s.get(0).validator()).fixed(s.get(0).signature());
    for (int i = 0; i < s.size() - 1; i++) e.address(s.get(i).validator()).fixed(s.get(i)
        .signature());
    return e.toByteArray();
  }

  @Test
  void aValidatorWhosePrecommitsAreNeverCarriedLeavesTheSet() {
    Address quiet = KEYS.get(3).address();
    List<Ed25519KeyPair> present = KEYS.subList(0, 3);
    for (int h = 1; h <= 13; h++) decide(present);
    assertFalse(ledger.validatorSetAt(ledger.headHeight() + 1).stream()
        .anyMatch(v -> v.address().equals(quiet)), "jailed for downtime at block 11, out at 13");
    assertEquals(3, ledger.validatorSetAt(ledger.headHeight() + 1).size());
    assertEquals(ledger.head().header().stateRoot(), replica.head().header().stateRoot());
  }

  @Test
  void aLatePrecommitJoinsTheCertificateTheNextBlockCarries() {
    ConsensusLedger glue = glue();
    Block one = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 1).block();
    CommitCertificate quorum = certify(one, KEYS.subList(0, 3), CHAIN);
    assertEquals(ConsensusLedger.CommitStatus.COMMITTED, glue.commit(new org.bcos.consensus
        .Action.Decide(1, 0, one.encode(), quorum)).status());
    Hash valueId = quorum.valueId();
    Vote late = Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 0, valueId, Signer.of(KEYS.get(3)));
    assertFalse(glue.addLatePrecommit(Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 1, valueId,
        Signer.of(KEYS.get(3)))), "another round");
    assertFalse(glue.addLatePrecommit(Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 0, Hash.ZERO,
        Signer.of(KEYS.get(3)))), "another value");
    assertFalse(glue.addLatePrecommit(Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 0, valueId,
        Signer.of(OUTSIDER))), "not a validator");
    assertFalse(glue.addLatePrecommit(Vote.sign("another-chain", VoteType.PRECOMMIT, 1, 0,
        valueId, Signer.of(KEYS.get(3)))), "bad signature here");
    assertFalse(glue.addLatePrecommit(Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 0, valueId,
        Signer.of(KEYS.get(1)))), "already in");
    assertTrue(glue.addLatePrecommit(late));
    assertFalse(glue.addLatePrecommit(late), "once");
    Block two = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 2).block();
    assertEquals(4, CommitCertificate.decode(two.lastCommit(), 4).signatures().size());
    replica.commitBlock(one, quorum.encode());
    replica.checkBlock(two);
  }

  @Test
  void aLatePrecommitJoinsTheCertificateOfAHeadThatCameBySync() {
    // the head was committed with a peer's certificate (block sync), not decided by this glue:
    // a slower validator's precommit, or this validator's own late one, still joins it
    ConsensusLedger glue = glue();
    Block one = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 1).block();
    CommitCertificate quorum = certify(one, KEYS.subList(1, 4), CHAIN);
    ledger.commitBlock(one, quorum.encode());
    Vote own = Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 0, quorum.valueId(),
        Signer.of(KEYS.get(0)));
    assertFalse(glue.addLatePrecommit(Vote.sign(CHAIN, VoteType.PRECOMMIT, 1, 1,
        quorum.valueId(), Signer.of(KEYS.get(0)))), "another round");
    assertTrue(glue.addLatePrecommit(own));
    assertFalse(glue.addLatePrecommit(own), "once");
    assertEquals(4, CommitCertificate.decode(ledger.commitCertificate(1).orElseThrow(), 4)
        .signatures().size());
    Block two = ledger.proposeBlock(List.of(), KEYS.get(0), GENESIS_MILLIS + 2).block();
    assertEquals(4, CommitCertificate.decode(two.lastCommit(), 4).signatures().size());
  }

  /** Validator 0's consensus glue over {@code ledger}. */
  private ConsensusLedger glue() {
    return new ConsensusLedger(ledger, KEYS.get(0), new ConsensusLedgerTest.ManualTime(),
        new ConsensusLedgerTest.ListPool(), ConsensusLedger.Listener.NONE, 1 << 20);
  }
}
