package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigFileTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private NodeConfigFile.Loaded load(String json) throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, json);
    return NodeConfigFile.read(file);
  }

  @Test
  void theDefaultsFileParsesToTheDocumentedDefaults() throws Exception {
    NodeConfigFile.Loaded loaded = load(NodeConfigFile.defaultsText());
    assertEquals(NodeConfig.DEFAULT_RPC_PORT, loaded.config().rpcPort());
    assertEquals(NodeConfig.DEFAULT_BLOCK_INTERVAL_MILLIS, loaded.config().blockIntervalMillis());
    assertEquals("127.0.0.1", loaded.config().rpcHost());
    assertEquals(dir.resolve("data"), loaded.config().dataDir());
    assertEquals(dir.resolve("genesis.json"), loaded.genesisFile());
    assertEquals(dir.resolve("validator.key"), loaded.validatorKeyFile());
    assertNull(loaded.config().p2p(), "P2P is disabled by default");
  }

  @Test
  void p2pKeysParseWithDefaultsAndStrictChecks() throws Exception {
    NodeConfig.P2p p2p = load("{\"p2pEnabled\": true}").config().p2p();
    assertEquals(NodeConfig.P2p.DEFAULT_LISTEN_HOST, p2p.listenHost());
    assertEquals(NodeConfig.P2p.DEFAULT_PORT, p2p.listenPort());
    assertEquals(List.of(), p2p.seeds());
    assertEquals(dir.resolve("node.key"), p2p.nodeKeyFile());
    p2p = load("{\"p2pEnabled\": true, \"p2pListenHost\": \"127.0.0.1\", \"p2pListenPort\": 0,"
        + " \"p2pSeeds\": [\"10.0.0.1:26656\"], \"p2pNodeKeyFile\": \"/k/node.key\"}")
        .config().p2p();
    assertEquals(new NodeConfig.P2p("127.0.0.1", 0, List.of("10.0.0.1:26656"),
        Path.of("/k/node.key")), p2p);
    for (String bad : List.of("{\"p2pEnabled\": 1}", "{\"p2pSeeds\": \"a:1\"}",
        "{\"p2pSeeds\": [\"nohost\"]}", "{\"p2pSeeds\": [1]}", "{\"p2pListenPort\": 70000}",
        "{\"p2pListenHost\": \"\"}")) {
      var e = assertThrows(NodeConfigFile.ConfigException.class, () -> load(bad), bad);
      assertTrue(e.getMessage().contains("p2p"), e.getMessage());
    }
  }

  @Test
  void rpcHardeningKeysParseWithDefaultsAndStrictChecks() throws Exception {
    assertEquals(NodeConfig.RpcLimits.DEFAULT, load("{}").config().rpc());
    assertEquals(NodeConfig.RpcLimits.DEFAULT,
        load(NodeConfigFile.defaultsText()).config().rpc());
    NodeConfig.RpcLimits r = load("{\"rpcMaxConnections\": 50, \"rpcMaxConnectionsPerIp\": 5,"
        + " \"rpcIdleTimeoutMillis\": 1000, \"rpcAllowedHosts\": [\"node.example.org\"],"
        + " \"rpcAllowedOrigins\": [\"*\"]}").config().rpc();
    assertEquals(50, r.maxConnections());
    assertEquals(5, r.maxConnectionsPerIp());
    assertEquals(1_000, r.idleTimeoutMillis());
    assertEquals(List.of("node.example.org"), r.allowedHosts());
    assertEquals(List.of("*"), r.allowedOrigins());
    for (String bad : List.of("{\"rpcMaxConnections\": 0}",
        "{\"rpcMaxConnections\": 4294967297}", "{\"rpcHeaderTimeoutMillis\": 1}",
        "{\"rpcMaxBufferedBytes\": 1024}", "{\"rpcWsMaxFrameBytes\": 10}",
        "{\"rpcAllowedHosts\": \"localhost\"}", "{\"rpcAllowedOrigins\": [1]}",
        "{\"rpcAllowedHosts\": [\"\"]}", "{\"rpcMaxRequestWorkUnits\": -5}")) {
      var e = assertThrows(NodeConfigFile.ConfigException.class, () -> load(bad), bad);
      assertTrue(e.getMessage().contains("rpc"), e.getMessage());
    }
  }

  @Test
  void anEmptyObjectMeansAllDefaultsAndAbsolutePathsStay() throws Exception {
    assertEquals(NodeConfig.DEFAULT_RPC_PORT, load("{}").config().rpcPort());
    ObjectNode c = JSON.createObjectNode().put("dataDir", "/srv/bcos").put("rpcPort", 9000);
    NodeConfigFile.Loaded loaded = load(c.toString());
    assertEquals(Path.of("/srv/bcos"), loaded.config().dataDir());
    assertEquals(9000, loaded.config().rpcPort());
  }

  @Test
  void theWebAppIsOnByDefaultAndWebEnabledMustBeABoolean() throws Exception {
    assertTrue(load("{}").config().rpc().webEnabled());
    assertEquals(false, load("{\"webEnabled\": false}").config().rpc().webEnabled());
    var wrong = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"webEnabled\": \"no\"}"));
    assertEquals("config key 'webEnabled' must be true or false", wrong.getMessage());
  }

  @Test
  void maxProtocolVersionDefaultsToEveryVersionAndANegativeOneIsNamed() throws Exception {
    assertEquals(0, load("{}").config().maxProtocolVersion());
    NodeConfig capped = load("{\"maxProtocolVersion\": 2}").config();
    assertEquals(2, capped.maxProtocolVersion());
    assertEquals(2, capped.withBlockInterval(500).maxProtocolVersion(), "kept by the withers");
    var negative = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"maxProtocolVersion\": -1}"));
    assertTrue(negative.getMessage().contains("maxProtocolVersion"), negative.getMessage());
  }

  @Test
  void badInputIsANamedErrorNamingTheKey() {
    var unknown = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"rpcPrt\": 1}"));
    assertTrue(unknown.getMessage().contains("rpcPrt"), unknown.getMessage());
    var wrongType = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"rpcPort\": \"8645\"}"));
    assertTrue(wrongType.getMessage().contains("rpcPort"), wrongType.getMessage());
    var range = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"rpcPort\": 70000}"));
    assertTrue(range.getMessage().contains("port"), range.getMessage());
    var interval = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"blockIntervalMillis\": 10}"));
    assertTrue(interval.getMessage().contains("interval"), interval.getMessage());
    assertThrows(NodeConfigFile.ConfigException.class, () -> load("[1, 2]"));
    assertThrows(NodeConfigFile.ConfigException.class, () -> load("{not json"));
    assertThrows(NodeConfigFile.ConfigException.class,
        () -> NodeConfigFile.read(dir.resolve("missing.json")));
  }

  @Test
  void loggingKeysDefaultToStandardOutputAndParseStrictly() throws Exception {
    assertEquals(org.bcos.node.logging.LogSettings.DEFAULT,
        load(NodeConfigFile.defaultsText()).logging());
    var logging = load("{\"logLevel\": \"warn,p2p=debug\", \"logFormat\": \"json\","
        + " \"logFile\": \"logs/node.log\", \"logMaxFileBytes\": 4096,"
        + " \"logMaxHistoryDays\": 3, \"logTotalSizeCapBytes\": 65536}").logging();
    assertEquals("warn,p2p=debug", logging.levelSpec());
    assertEquals(org.bcos.node.logging.LogSettings.Format.JSON, logging.format());
    assertEquals(dir.resolve("logs/node.log"), logging.file());
    assertEquals(4096, logging.maxFileBytes());
    assertEquals(3, logging.maxHistoryDays());
    assertEquals(65536, logging.totalSizeCapBytes());

    var level = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"logLevel\": \"p2p=loud\"}"));
    assertEquals("config key 'logLevel': unknown log level 'loud' (one of [trace, debug, info, "
        + "warn, error, off])", level.getMessage());
    var component = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"logLevel\": \"ledgr=debug\"}"));
    assertTrue(component.getMessage().startsWith("config key 'logLevel': unknown log component "
        + "'ledgr'"), component.getMessage());
    var format = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"logFormat\": \"xml\"}"));
    assertTrue(format.getMessage().startsWith("config key 'logFormat'"), format.getMessage());
    var size = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"logMaxFileBytes\": 10}"));
    assertTrue(size.getMessage().contains("'logMaxFileBytes'"), size.getMessage());
    var file = assertThrows(NodeConfigFile.ConfigException.class,
        () -> load("{\"logFile\": 3}"));
    assertTrue(file.getMessage().contains("'logFile'"), file.getMessage());
  }
}
