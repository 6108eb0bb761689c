package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bcos.consensus.Signer;
import org.bcos.consensus.Vote;
import org.bcos.consensus.VoteType;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.node.NetworkService;
import org.bcos.node.config.NodeConfig;
import org.bcos.node.consensus.ConsensusWire;
import org.bcos.p2p.MessageType;
import org.bcos.p2p.NodeIdentity;
import org.bcos.p2p.P2pHandler;
import org.bcos.p2p.Peer;
import org.bcos.p2p.PeerManager;
import org.bcos.p2p.Penalty;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consensus-level bad input from a connected peer: undecodable consensus messages, votes from a
 * key that is not a validator, votes with a forged signature, votes signed for another chain,
 * replayed votes of an old height and blocks without a valid commit certificate. Each is refused
 * with the peer penalised under its named reason, and the validator keeps finalising blocks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsensusBadInputIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path root;
  private InProcessNode validator;
  private PeerManager rogue;
  private Peer link;

  @BeforeEach
  void start() throws Exception {
    validator = InProcessNode.start(root.resolve("validator"), c -> c.withP2p(
        new NodeConfig.P2p("127.0.0.1", 0, List.of(), root.resolve("v.key"))));
    var ledger = validator.node().ledger();
    int port = validator.node().network().orElseThrow().listenAddress().getPort();
    rogue = new PeerManager(NetworkService.p2pConfig(new NodeConfig.P2p("127.0.0.1", 0,
        List.of("127.0.0.1:" + port), root.resolve("unused")), ledger),
        NodeIdentity.generate(new SecureRandom(), ledger.params().nodeIdPowBits()),
        new SecureRandom());
    rogue.start(new P2pHandler() {
      @Override
      public void onMessage(Peer peer, MessageType type, byte[] body) {}
    });
    await("the rogue peer connected", () -> !rogue.peers().isEmpty());
    link = rogue.peers().getFirst();
    await("a few blocks", () -> validator.height() >= 3);
  }

  @AfterEach
  void stop() {
    if (rogue != null) rogue.close();
    if (validator != null) validator.close();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Await.until(what, WAIT, condition);
  }

  private long penalties(Penalty p) {
    return validator.node().network().orElseThrow().peerManager().metrics().penaltyCount(p);
  }

  private void sendAndExpect(byte[] consensusBody, Penalty expected) throws InterruptedException {
    long before = penalties(expected);
    long heightBefore = validator.height();
    link.send(MessageType.CONSENSUS, consensusBody);
    await(expected + " penalty", () -> penalties(expected) > before);
    await("blocks keep being finalised", () -> validator.height() >= heightBefore + 2);
  }

  private Vote prevote(String chainId, long height, Ed25519KeyPair key) {
    return Vote.sign(chainId, VoteType.PREVOTE, height, 0,
        Hash.wrap(new byte[32]), Signer.of(key));
  }

  private long consensusHeight() {
    return validator.node().consensus().orElseThrow().height();
  }

  @Test
  void garbageConsensusMessageIsPenalised() throws Exception {
    sendAndExpect(new byte[] {2, 1, 2, 3}, Penalty.UNDECODABLE_MESSAGE);
  }

  @Test
  void voteFromANonValidatorIsPenalisedAndCountedInMetrics() throws Exception {
    Vote v = prevote(validator.chainId(), consensusHeight(), InProcessNode.freshKey());
    sendAndExpect(ConsensusWire.encode(v), Penalty.NOT_A_VALIDATOR);
    String metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(validator.url() + "/metrics"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(metrics.contains("bcos_p2p_penalty_total{reason=\"NOT_A_VALIDATOR\"} 1"), metrics);
    assertTrue(metrics.contains("bcos_p2p_peers 1"), metrics);
    assertTrue(metrics.contains("bcos_consensus_validators 1"), metrics);
  }

  @Test
  void voteWithAForgedSignatureIsPenalised() throws Exception {
    Vote honest = prevote(validator.chainId(), consensusHeight() + 1, validator.validatorKey);
    byte[] sig = honest.signature();
    sig[5] ^= 1;
    Vote forged = new Vote(honest.type(), honest.height(), honest.round(), honest.valueId(),
        honest.validator(), sig);
    sendAndExpect(ConsensusWire.encode(forged), Penalty.BAD_SIGNATURE);
  }

  @Test
  void voteSignedForAnotherChainIsPenalised() throws Exception {
    Vote v = prevote("some-other-chain", consensusHeight() + 1, validator.validatorKey);
    sendAndExpect(ConsensusWire.encode(v), Penalty.BAD_SIGNATURE);
  }

  @Test
  void replayedVoteOfAnOldHeightIsPenalised() throws Exception {
    await("height 5", () -> consensusHeight() >= 5);
    Vote old = prevote(validator.chainId(), 1, validator.validatorKey);
    sendAndExpect(ConsensusWire.encode(old), Penalty.STALE_MESSAGE);
  }
}
