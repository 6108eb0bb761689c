package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bcos.client.BcosClient;
import org.bcos.client.JsonTree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos config set|get|unset KEY}: the client's own settings, kept in
 * {@code $BCOS_HOME/config.json}. Today one key, {@code rpc}: the node URL used when neither
 * {@code --rpc} nor {@code $BCOS_RPC} is given.
 */
@Command(name = "config", description = "Client settings in $BCOS_HOME/config.json (key: rpc)",
    subcommands = {ConfigCommand.Set.class, ConfigCommand.Get.class, ConfigCommand.Unset.class})
final class ConfigCommand {
  /** The keys a client config may hold. */
  static final List<String> KEYS = List.of("rpc");
  /** The file is a handful of settings; anything larger is not one of ours. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private ConfigCommand() {}

  @Command(name = "set", description = "Set a key, e.g. `bcos config set rpc http://host:8645`")
  static final class Set implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "KEY") String key;
    @Parameters(index = "1", paramLabel = "VALUE") String value;

    @Override
    public Integer call() {
      checkKey(key);
      try {
        BcosClient.rpcUri(value);
      } catch (BcosClient.InvalidUrlException e) {
        throw new CliException("INVALID_RPC_URL", e.getMessage());
      }
      ObjectNode config = read();
      config.put(key, value.strip());
      write(config);
      Output.print(common, Output.object().put(key, value.strip()));
      return 0;
    }
  }

  @Command(name = "get", description = "Print a key's value (NOT_SET when it has none)")
  static final class Get implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() {
      checkKey(key);
      String value = value(key).orElseThrow(() -> new CliException("NOT_SET", "'" + key
          + "' is not set in " + file()));
      if (common.json) Output.json(System.out, Output.object().put(key, value));
      else System.out.println(value);
      return 0;
    }
  }

  @Command(name = "unset", description = "Remove a key (back to the default)")
  static final class Unset implements Callable<Integer> {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    public Integer call() {
      checkKey(key);
      ObjectNode config = read();
      if (config.remove(key) != null) write(config);
      return 0;
    }
  }

  /** The stored value of {@code key}, if any. */
  static Optional<String> value(String key) {
    JsonNode v = read().get(key);
    return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
  }

  static Path file() {
    return CommonOptions.home().resolve("config.json");
  }

  private static void checkKey(String key) {
    if (!KEYS.contains(key)) {
      throw new CliException("INVALID_ARGUMENT", "no client setting '" + key + "'; known: "
          + String.join(", ", KEYS));
    }
  }

  private static ObjectNode read() {
    Path file = file();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CliException("INVALID_CONFIG", file + " is larger than " + MAX_FILE_BYTES
            + " bytes");
      }
      JsonNode root = JsonTree.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        throw new CliException("INVALID_CONFIG", file + " must hold a JSON object");
      }
      return (ObjectNode) root;
    } catch (NoSuchFileException e) {
      return Output.object();
    } catch (IOException e) {
      throw new CliException("INVALID_CONFIG", "cannot read " + file + ": "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
              ? "not valid JSON: " + j.getOriginalMessage() : e.getMessage()));
    }
  }

  private static void write(ObjectNode config) {
    Path file = file();
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".config-", ".json.part");
      Files.writeString(temp, JsonTree.pretty(config) + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new CliException("FILE_UNREADABLE", "cannot write " + file + ": " + e.getMessage());
    }
  }
}
