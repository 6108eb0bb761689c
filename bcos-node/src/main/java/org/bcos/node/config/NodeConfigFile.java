package org.bcos.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.bcos.node.logging.LogSettings;
import org.bcos.node.mempool.MempoolLimits;

/**
 * A node's configuration file (JSON): every option, its default, and strict parsing — an unknown
 * key, a wrong type or an out-of-range value is a {@link ConfigException} naming the key, and
 * nothing starts. Relative paths are resolved against the file's directory.
 */
public final class NodeConfigFile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KEYS = List.of("dataDir", "genesisFile", "validatorKeyFile",
      "rpcHost", "rpcPort", "blockIntervalMillis", "mempoolMaxTxs", "mempoolMaxBytes",
      "mempoolMaxPerSender", "mempoolMaxFeeFreeTxs", "mempoolMaxFeeFreePerSender",
      "mempoolFeeFreeTtlBlocks", "diskMinFreeBytes", "diskWarnFreeBytes",
      "diskCheckIntervalMillis", "rpcMaxBatch", "rpcMaxBodyBytes", "rpcMaxWsSubscriptions",
      "rpcMaxWsConnections", "p2pEnabled", "p2pListenHost", "p2pListenPort", "p2pSeeds",
      "p2pNodeKeyFile", "snapshotIntervalBlocks", "stateSyncHeight",
      "stateSyncHash", "maxProtocolVersion",
      // API server hardening (NodeConfig.RpcLimits)
      "rpcMaxConnections", "rpcMaxConnectionsPerIp", "rpcMaxWsConnectionsPerIp",
      "rpcReservedFileDescriptors", "rpcHeaderTimeoutMillis", "rpcBodyTimeoutMillis",
      "rpcIdleTimeoutMillis", "rpcMaxBufferedBytes", "rpcWsMaxFrameBytes", "rpcWsMaxQueuedBytes",
      "rpcRequestTimeoutMillis", "rpcMaxRequestWorkUnits", "rpcAllowedHosts",
      "rpcAllowedOrigins", "webEnabled",
      // logging (LogSettings; `bcos node --log-*` options override them)
      "logLevel", "logFormat", "logFile", "logMaxFileBytes", "logMaxHistoryDays",
      "logTotalSizeCapBytes");

  /** A configuration problem, naming the key. */
  public static final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
      super(message);
    }
  }

  /** What a node started from a file needs besides {@link NodeConfig}. */
  public record Loaded(NodeConfig config, Path genesisFile, Path validatorKeyFile,
      LogSettings logging) {}

  private NodeConfigFile() {}

  /** The default configuration, as a file a user can edit. */
  public static ObjectNode defaults() {
    MempoolLimits m = MempoolLimits.DEFAULT;
    NodeConfig.RpcLimits r = NodeConfig.RpcLimits.DEFAULT;
    ObjectNode base = JSON.createObjectNode().put("dataDir", "data").put("genesisFile", "genesis.json")
        .put("validatorKeyFile", "validator.key").put("rpcHost", "127.0.0.1")
        .put("rpcPort", NodeConfig.DEFAULT_RPC_PORT)
        .put("blockIntervalMillis", NodeConfig.DEFAULT_BLOCK_INTERVAL_MILLIS)
        .put("mempoolMaxTxs", m.maxTxs()).put("mempoolMaxBytes", m.maxBytes())
        .put("mempoolMaxPerSender", m.maxPerSender())
        .put("mempoolMaxFeeFreeTxs", m.maxFeeFreeTxs())
        .put("mempoolMaxFeeFreePerSender", m.maxFeeFreePerSender())
        .put("mempoolFeeFreeTtlBlocks", m.feeFreeTtlBlocks())
        .put("diskMinFreeBytes", NodeConfig.Disk.DEFAULT.minFreeBytes())
        .put("diskWarnFreeBytes", NodeConfig.Disk.DEFAULT.warnFreeBytes())
        .put("diskCheckIntervalMillis", NodeConfig.Disk.DEFAULT.checkIntervalMillis())
        .put("rpcMaxBatch", r.maxBatch())
        .put("rpcMaxBodyBytes", r.maxBodyBytes()).put("rpcMaxWsSubscriptions",
            r.maxWsSubscriptions()).put("rpcMaxWsConnections", r.maxWsConnections());
    ObjectNode d = base.put("p2pEnabled", false)
        .put("p2pListenHost", NodeConfig.P2p.DEFAULT_LISTEN_HOST)
        .put("p2pListenPort", NodeConfig.P2p.DEFAULT_PORT);
    d.putArray("p2pSeeds");
    d.put("p2pNodeKeyFile", "node.key")
        .put("snapshotIntervalBlocks", NodeConfig.P2p.DEFAULT_SNAPSHOT_INTERVAL_BLOCKS)
        .put("stateSyncHeight", 0).put("stateSyncHash", "").put("maxProtocolVersion", 0);
    return loggingDefaults(rpcHardeningDefaults(d, r));
  }

  private static ObjectNode loggingDefaults(ObjectNode d) {
    LogSettings l = LogSettings.DEFAULT;
    return d.put("logLevel", l.levelSpec()).put("logFormat", "text").put("logFile", "")
        .put("logMaxFileBytes", l.maxFileBytes()).put("logMaxHistoryDays", l.maxHistoryDays())
        .put("logTotalSizeCapBytes", l.totalSizeCapBytes());
  }

  private static ObjectNode rpcHardeningDefaults(ObjectNode d, NodeConfig.RpcLimits r) {
    d.put("rpcMaxConnections", r.maxConnections())
        .put("rpcMaxConnectionsPerIp", r.maxConnectionsPerIp())
        .put("rpcMaxWsConnectionsPerIp", r.maxWsConnectionsPerIp())
        .put("rpcReservedFileDescriptors", r.reservedFileDescriptors())
        .put("rpcHeaderTimeoutMillis", r.headerTimeoutMillis())
        .put("rpcBodyTimeoutMillis", r.bodyTimeoutMillis())
        .put("rpcIdleTimeoutMillis", r.idleTimeoutMillis())
        .put("rpcMaxBufferedBytes", r.maxBufferedBytes())
        .put("rpcWsMaxFrameBytes", r.wsMaxFrameBytes())
        .put("rpcWsMaxQueuedBytes", r.wsMaxQueuedBytes())
        .put("rpcRequestTimeoutMillis", r.requestTimeoutMillis())
        .put("rpcMaxRequestWorkUnits", r.maxRequestWorkUnits());
    r.allowedHosts().forEach(d.putArray("rpcAllowedHosts")::add);
    r.allowedOrigins().forEach(d.putArray("rpcAllowedOrigins")::add);
    return d.put("webEnabled", r.webEnabled());
  }

  public static String defaultsText() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(defaults()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Loaded read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException(ConfigFiles.describe("config file", file, e));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigException("config file " + file + " must hold a JSON object");
    }
    return parse((ObjectNode) root, file.toAbsolutePath().getParent());
  }

  static Loaded parse(ObjectNode given, Path base) {
    for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new ConfigException("unknown config key '" + key + "' (known: " + KEYS + ")");
      }
    }
    ObjectNode c = defaults();
    c.setAll(given);
    try {
      NodeConfig config = new NodeConfig(path(c, "dataDir", base), text(c, "rpcHost"),
          integer(c, "rpcPort"), number(c, "blockIntervalMillis"),
          new MempoolLimits(integer(c, "mempoolMaxTxs"), number(c, "mempoolMaxBytes"),
              integer(c, "mempoolMaxPerSender"), integer(c, "mempoolMaxFeeFreeTxs"),
              integer(c, "mempoolMaxFeeFreePerSender"), integer(c, "mempoolFeeFreeTtlBlocks")),
          rpcLimits(c), p2p(c, base),
          new NodeConfig.Disk(number(c, "diskMinFreeBytes"), number(c, "diskWarnFreeBytes"),
              number(c, "diskCheckIntervalMillis")))
          .withMaxProtocolVersion(integer(c, "maxProtocolVersion"));
      return new Loaded(config, path(c, "genesisFile", base), path(c, "validatorKeyFile", base),
          logging(c, base));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid configuration: " + e.getMessage());
    }
  }

  /** The log settings; an unknown level, component or format names the key and the value. */
  private static LogSettings logging(ObjectNode c, Path base) {
    JsonNode file = c.get("logFile");
    if (!file.isTextual()) {
      throw new ConfigException("config key 'logFile' must be a path, or \"\" for standard output");
    }
    LogSettings s;
    try {
      s = LogSettings.DEFAULT.withRotation(number(c, "logMaxFileBytes"),
          integer(c, "logMaxHistoryDays"), number(c, "logTotalSizeCapBytes"));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config keys 'logMaxFileBytes', 'logMaxHistoryDays', "
          + "'logTotalSizeCapBytes': " + e.getMessage());
    }
    try {
      s = s.withLevels(text(c, "logLevel"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config key 'logLevel': " + e.getMessage());
    }
    try {
      s = s.withFormat(LogSettings.parseFormat(text(c, "logFormat")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("config key 'logFormat': " + e.getMessage());
    }
    return file.asText().isEmpty() ? s : s.withFile(path(c, "logFile", base));
  }

  private static NodeConfig.RpcLimits rpcLimits(ObjectNode c) {
    return new NodeConfig.RpcLimits(integer(c, "rpcMaxBatch"), integer(c, "rpcMaxBodyBytes"),
        integer(c, "rpcMaxWsSubscriptions"), integer(c, "rpcMaxWsConnections"),
        integer(c, "rpcMaxConnections"), integer(c, "rpcMaxConnectionsPerIp"),
        integer(c, "rpcMaxWsConnectionsPerIp"), integer(c, "rpcReservedFileDescriptors"),
        number(c, "rpcHeaderTimeoutMillis"), number(c, "rpcBodyTimeoutMillis"),
        number(c, "rpcIdleTimeoutMillis"), number(c, "rpcMaxBufferedBytes"),
        integer(c, "rpcWsMaxFrameBytes"), integer(c, "rpcWsMaxQueuedBytes"),
        number(c, "rpcRequestTimeoutMillis"), number(c, "rpcMaxRequestWorkUnits"),
        strings(c, "rpcAllowedHosts"), strings(c, "rpcAllowedOrigins"))
        .withWebEnabled(bool(c, "webEnabled"));
  }

  private static boolean bool(ObjectNode c, String key) {
    JsonNode v = c.get(key);
    if (!v.isBoolean()) throw new ConfigException("config key '" + key + "' must be true or false");
    return v.asBoolean();
  }

  /** A non-negative integer that fits an int (never silently truncated). */
  private static int integer(ObjectNode c, String key) {
    long v = number(c, key);
    if (v > Integer.MAX_VALUE) {
      throw new ConfigException("config key '" + key + "' must be at most " + Integer.MAX_VALUE);
    }
    return (int) v;
  }

  private static List<String> strings(ObjectNode c, String key) {
    JsonNode v = c.get(key);
    List<String> out = new java.util.ArrayList<>();
    if (v.isArray()) {
      for (JsonNode s : v) {
        if (!s.isTextual()) break;
        out.add(s.asText());
      }
    }
    if (!v.isArray() || out.size() != v.size()) {
      throw new ConfigException("config key '" + key + "' must be an array of strings");
    }
    return out;
  }

  private static NodeConfig.P2p p2p(ObjectNode c, Path base) {
    JsonNode enabled = c.get("p2pEnabled");
    if (!enabled.isBoolean()) {
      throw new ConfigException("config key 'p2pEnabled' must be true or false");
    }
    JsonNode seedsNode = c.get("p2pSeeds");
    if (!seedsNode.isArray()) {
      throw new ConfigException("config key 'p2pSeeds' must be an array of \"host:port\" strings");
    }
    List<String> seeds = new java.util.ArrayList<>();
    for (JsonNode s : seedsNode) {
      if (!s.isTextual()) {
        throw new ConfigException("config key 'p2pSeeds' must be an array of \"host:port\" strings");
      }
      try {
        org.bcos.p2p.PeerAddress.parse(s.asText());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("config key 'p2pSeeds': " + e.getMessage());
      }
      seeds.add(s.asText());
    }
    String host = text(c, "p2pListenHost");
    long port = number(c, "p2pListenPort");
    if (port > 65_535) throw new ConfigException("config key 'p2pListenPort' must be 0..65535");
    Path keyFile = path(c, "p2pNodeKeyFile", base);
    long interval = number(c, "snapshotIntervalBlocks");
    long syncHeight = number(c, "stateSyncHeight");
    JsonNode syncHash = c.get("stateSyncHash");
    if (!syncHash.isTextual()) {
      throw new ConfigException("config key 'stateSyncHash' must be a string (hex block hash)");
    }
    if (!enabled.asBoolean()) return null;
    return new NodeConfig.P2p(host, (int) port, seeds, keyFile, interval, syncHeight,
        syncHash.asText());
  }

  private static String text(ObjectNode c, String key) {
    JsonNode v = c.get(key);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException("config key '" + key + "' must be a non-empty string");
    }
    return v.asText();
  }

  /** Largest number any config key takes (2 TiB - 1 KiB, for byte sizes). */
  private static final long MAX_NUMBER = Integer.MAX_VALUE * 1024L;

  private static long number(ObjectNode c, String key) {
    JsonNode v = c.get(key);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0
        || v.asLong() > MAX_NUMBER) {
      throw new ConfigException("config key '" + key + "' must be an integer in 0.." + MAX_NUMBER
          + ", got " + v);
    }
    return v.asLong();
  }

  private static Path path(ObjectNode c, String key, Path base) {
    Path p = Path.of(text(c, key));
    return p.isAbsolute() ? p : base.resolve(p);
  }
}
