package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
