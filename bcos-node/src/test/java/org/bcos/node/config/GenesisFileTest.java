package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** genesis.json: round trip, and named refusals of old or incomplete files. */
class GenesisFileTest {
  @TempDir Path dir;

  @Test
  void writesAndReadsBackTheSameGenesis() throws Exception {
    Genesis g = Genesis.dev(ChainParams.defaults("bcos-x"), 1_000,
        Ed25519KeyPair.generate(new SecureRandom()).address(),
        Ed25519KeyPair.generate(new SecureRandom()).address());
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(g, file);
    assertEquals(g, GenesisFile.read(file));
    assertTrue(Files.readString(file).contains("\"stake\" : \"1000000\""));
    assertFalse(Files.readString(file).contains("protocolVersion"), "the default is not written");
  }

  @Test
  void aValidatorsOperatorIsWrittenOnlyWhenItIsAnotherAccount() throws Exception {
    org.bcos.types.Address dev = Ed25519KeyPair.generate(new SecureRandom()).address();
    Genesis g = Genesis.devOperated(ChainParams.defaults("bcos-x"), 1_000, dev,
        Ed25519KeyPair.generate(new SecureRandom()).address(), java.util.List.of());
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(g, file);
    assertEquals(g, GenesisFile.read(file));
    assertEquals(dev, GenesisFile.read(file).validators().getFirst().operator());
    assertTrue(Files.readString(file).contains("\"operator\" : \"" + dev + "\""));
    writesAndReadsBackTheSameGenesis();
    assertFalse(Files.readString(file).contains("operator"), "absent for its own operator");
  }

  @Test
  void aProtocolVersionOtherThanTheDefaultRoundTripsAndABadOneIsNamed() throws Exception {
    Genesis g = Genesis.dev(ChainParams.defaults("bcos-x"), 1_000,
        Ed25519KeyPair.generate(new SecureRandom()).address(),
        Ed25519KeyPair.generate(new SecureRandom()).address()).atProtocolVersion(1);
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(g, file);
    assertEquals(g, GenesisFile.read(file));
    assertEquals(1, GenesisFile.read(file).protocolVersion());
    for (String bad : new String[] {"0", "-1", "1.5", "\"2\"", "4294967297"}) {
      Files.writeString(file, Files.readString(file).replaceFirst(
          "\"protocolVersion\" : [^,]+,", "\"protocolVersion\" : " + bad + ","));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(file), bad);
      assertTrue(e.getMessage().contains("protocolVersion"), e.getMessage());
      GenesisFile.write(g, file);
    }
  }

  /** The protocol version that brings staking (the ledger's StakeModule.STAKING_VERSION). */
  private static final int STAKING_VERSION = 3;

  @Test
  void aStakingGenesisWithModuleParametersReadsBack() throws Exception {
    Genesis dev = Genesis.dev(ChainParams.defaults("bcos-x"), 1_000,
        Ed25519KeyPair.generate(new SecureRandom()).address(),
        Ed25519KeyPair.generate(new SecureRandom()).address());
    long pool = 1_000_000 * org.bcos.types.Amount.UNITS_PER_DDC;
    java.util.List<Genesis.Allocation> allocations = new java.util.ArrayList<>(dev.allocations());
    Genesis.Allocation last = allocations.removeLast();
    allocations.add(new Genesis.Allocation(last.address(), last.units() - pool));
    Genesis g = new Genesis(dev.params().with("unbondingPeriodBlocks", 50), 1_000,
        dev.validators(), allocations, STAKING_VERSION,
        java.util.Optional.of(new Genesis.Staking(pool)));
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(g, file);
    assertEquals(g, GenesisFile.read(file));
    assertTrue(Files.readString(file).contains("\"rewardPool\" : \"1000000\""));
    assertTrue(Files.readString(file).contains("\"protocolVersion\" : 3"));
  }

  @Test
  void plannedUpgradesRoundTripAndABadOneIsNamed() throws Exception {
    Genesis dev = Genesis.dev(ChainParams.defaults("bcos-x"), 1_000,
        Ed25519KeyPair.generate(new SecureRandom()).address(),
        Ed25519KeyPair.generate(new SecureRandom()).address());
    org.bcos.types.Hash release = org.bcos.types.Hash.fromHex("cd".repeat(32));
    Genesis g = dev.withUpgrades(java.util.List.of(
        new org.bcos.ledger.upgrade.api.UpgradePlan("staking", 3, release, 20, 0)));
    Path file = dir.resolve("genesis.json");
    GenesisFile.write(g, file);
    assertEquals(g, GenesisFile.read(file));
    String text = Files.readString(file);
    assertTrue(text.contains("\"release\" : \"" + release.toHex() + "\""), text);

    Files.writeString(file, text.replace("\"height\" : 20", "\"height\" : \"soon\""));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GenesisFile.read(file));
    assertTrue(e.getMessage().contains("version and height are whole numbers"), e.getMessage());
    Files.writeString(file, text.replace(release.toHex(), "cafe"));
    e = assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(file));
    assertTrue(e.getMessage().contains("64 hex digits"), e.getMessage());
    Files.writeString(file, text.replace("\"version\" : 3", "\"version\" : 2"));
    e = assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(file));
    assertTrue(e.getMessage().contains("protocol version must be above 2"), e.getMessage());
    GenesisFile.write(dev, file);
    assertTrue(!Files.readString(file).contains("upgrades"), "written only when there are some");
  }

  @Test
  void oldSingleValidatorFormatIsRefusedWithAWayOut() throws Exception {
    Path file = dir.resolve("genesis.json");
    Files.writeString(file, "{\"chainId\":\"bcos-dev\",\"timeMillis\":1,\"validator\":\"x\","
        + "\"params\":{},\"allocations\":[]}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(file));
    assertTrue(e.getMessage().contains("old single-validator format"), e.getMessage());
  }

  @Test
  void missingValidatorsAreNamed() throws Exception {
    Path file = dir.resolve("genesis.json");
    Files.writeString(file, "{\"chainId\":\"bcos-dev\",\"timeMillis\":1,\"params\":{"
        + "\"minFeeUnits\":1,\"maxTxsPerBlock\":10,\"maxBlockBytes\":100000,"
        + "\"maxExpiryDeltaBlocks\":10,\"maxNonceGap\":1,\"nodeIdPowBits\":8},"
        + "\"allocations\":[]}");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GenesisFile.read(file));
    assertTrue(e.getMessage().contains("'validators'"), e.getMessage());
  }
}
