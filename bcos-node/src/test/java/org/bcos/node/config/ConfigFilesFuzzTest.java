package org.bcos.node.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bcos.types.codec.FuzzContract;

/**
 * Fuzz targets for the files an operator is handed (genesis.json from a network's announcement,
 * node.json from a guide): through the real entry points that read a path, every malformation is
 * refused by name ({@link IllegalArgumentException}, {@link NodeConfigFile.ConfigException}).
 */
class ConfigFilesFuzzTest {
  private static final Path DIR = tempDir();
  private static final Path FILE = DIR.resolve("fuzz.json");

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("bcos-fuzz-config");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "10s")
  void genesisFile(byte[] input) throws Exception {
    Files.write(FILE, input);
    FuzzContract.decode(input.length, List.of(IllegalArgumentException.class),
        () -> GenesisFile.read(FILE));
  }

  @FuzzTest(maxDuration = "10s")
  void nodeConfigFile(byte[] input) throws Exception {
    Files.write(FILE, input);
    FuzzContract.decode(input.length, List.of(NodeConfigFile.ConfigException.class),
        () -> NodeConfigFile.read(FILE));
  }
}
