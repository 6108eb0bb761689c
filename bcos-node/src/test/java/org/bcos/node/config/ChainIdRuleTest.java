package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.bcos.consensus.ConsensusConfig;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.node.NetworkService;
import org.bcos.p2p.P2pConfig;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.ChainId;
import org.junit.jupiter.api.Test;

/**
 * Every layer that takes a chain id (the chain parameters of the genesis, consensus signing, the
 * P2P handshake) applies the one {@link ChainId} rule: each accepts the same ids and refuses the
 * same ids with the same message. Before, they had three limits (32 characters of a-z0-9-, 32
 * UTF-8 bytes, 64 UTF-8 bytes for the P2P id, which also carries a genesis tag).
 */
class ChainIdRuleTest {
  static final List<String> VALID = List.of("a", "bcos-dev", "z".repeat(ChainId.MAX_LENGTH));
  static final List<String> INVALID =
      List.of("", "Bcos", "-bcos", "bcos_dev", "bcös", "z".repeat(ChainId.MAX_LENGTH + 1));

  static final List<Consumer<String>> LAYERS = List.of(
      ChainParams::defaults,
      ConsensusConfig::defaults,
      id -> P2pConfig.builder(id).build());

  @Test
  void everyLayerAcceptsTheIdsTheRuleAccepts() {
    for (Consumer<String> layer : LAYERS) {
      for (String id : VALID) layer.accept(id);
    }
  }

  @Test
  void everyLayerRefusesTheIdsTheRuleRefusesNamingTheRule() {
    for (int i = 0; i < LAYERS.size(); i++) {
      for (String id : INVALID) {
        Consumer<String> layer = LAYERS.get(i);
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> layer.accept(id), "layer " + i);
        assertEquals("chain id must be " + ChainId.RULE + ", got '" + id + "'", e.getMessage());
      }
    }
  }

  @Test
  void theNetworkIdANodeBuildsFromItsLedgerPassesTheP2pLayer() {
    Ledger ledger = Ledger.open(new InMemoryStore(), Genesis.dev(
            ChainParams.defaults("z".repeat(ChainId.MAX_LENGTH)), 1_700_000_000_000L,
            address(1), address(2)),
        SignatureCheck.withBestVerifier());
    P2pConfig config = NetworkService.p2pConfig(
        new NodeConfig.P2p("127.0.0.1", 0, List.of(), Path.of("node.key")), ledger);
    assertEquals(ChainId.networkId(ledger.params().chainId(), ledger.genesisHash()),
        config.networkId());
  }

  private static Address address(int fill) {
    byte[] bytes = new byte[Address.LENGTH];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Address.wrap(bytes);
  }
}
