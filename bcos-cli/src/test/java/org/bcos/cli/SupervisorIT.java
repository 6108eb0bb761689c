package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.cli.supervisor.ReleaseSupervisor;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.stake.StakeModule;
import org.bcos.ledger.upgrade.api.UpgradePlan;
import org.bcos.node.config.GenesisFile;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Supervisor mode on real processes: a 4-validator testnet whose genesis plans version 3 at
 * {@link #H} with the release {@code bcos release pack} made of this build. Node 4 runs under
 * {@code bcos node --supervise --auto-fetch} with {@code current} pointing at an "old release" (a
 * launcher that runs this build capped at version 2); nodes 1..3 have the new release (their
 * operators ran {@code bcos upgrade fetch --from-file}), node 4 has not. Node 4's supervisor sees the plan its
 * software lacks and has node 4 fetch the artifact from its peers before the height; node 4
 * stops at the height, the supervisor switches {@code current} to the unpacked new release and
 * starts it, and node 4 catches up with the others with no operator action; SIGTERM to the
 * supervisor then stops the node too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 400, unit = TimeUnit.SECONDS)
class SupervisorIT {
  /**
   * Far enough (about 80 s of 400 ms blocks) for node 4 to start and fetch the ~100 MB release
   * over P2P from three peers: measured 2 to 3 MiB/s on a loaded 2-core machine (each peer
   * serves at most 8 chunks of 1 MiB a second to it), about 50 s; at H 120 it was 80% done.
   */
  private static final long H = 200;
  private static final Duration WAIT = Duration.ofSeconds(200);

  @TempDir static Path root;
  private TestnetDriver nodes;
  private CliProcess.Pending supervised;

  @AfterAll
  void stopAll() throws Exception {
    if (supervised != null && supervised.process().isAlive()) {
      supervised.process().destroy();
      supervised.process().waitFor(60, TimeUnit.SECONDS);
    }
    if (nodes != null) nodes.stopAll("supervisor-it-logs");
  }

  @Test
  void aSupervisedNodeSwitchesToTheVotedReleaseAtTheHeightAndCatchesUp() throws Exception {
    JsonNode packed = pack();
    Path tarball = Path.of(packed.path("path").asText());
    Hash release = Hash.fromHex(packed.path("sha256").asText());
    List<Integer> shipped = new ArrayList<>();
    org.bcos.ledger.Modules.VERSIONS.all().forEach(r -> shipped.add(r.version()));
    assertEquals(shipped, versions(packed));

    nodes = new TestnetDriver(root, 4);
    nodes.init(400, "--protocol-version", "2");
    Path genesisFile = nodes.dir.resolve("genesis.json");
    Genesis planned = GenesisFile.read(genesisFile).withUpgrades(List.of(
        new UpgradePlan("staking", StakeModule.STAKING_VERSION, release, H, 0)));
    GenesisFile.write(planned, genesisFile);
    Path data = nodes.nodeDir(4).resolve(TestnetCommand.DATA_DIR);
    // the operators of nodes 1..3 fetched the voted release from a file; nobody does for node 4
    for (int n = 1; n <= 3; n++) {
      CliProcess.Run fetch = nodes.cliVia(n, "upgrade", "fetch", "--from-file",
          tarball.toString(), "--release", release.toHex(), "--data",
          nodes.nodeDir(n).resolve(TestnetCommand.DATA_DIR).toString());
      assertEquals(0, fetch.exitCode(), fetch.stderr());
    }
    oldRelease(data);

    nodes.start(1);
    nodes.start(2);
    supervised = nodes.process().start("node", "--supervise", "--auto-fetch",
        "--auto-fetch-interval-seconds", "1", "--config",
        nodes.nodeDir(4).resolve("node.json").toString());
    nodes.start(3);

    String switched = "bcos supervisor: switched to release " + release.toHex()
        + " for protocol version 3 at height " + H;
    try {
      Await.until("node 4's supervisor switches", WAIT, () -> said().contains(switched));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; node 4's supervisor said:\n" + said(), e);
    }
    String err = Files.readString(supervised.err());
    assertTrue(err.contains("UPGRADE REQUIRED at height " + H + ": protocol version 3"), err);
    assertEquals(1, err.lines().filter(l -> l.startsWith("bcos supervisor: fetching release "
        + release.toHex())).count(), err);
    int present = err.indexOf("bcos supervisor: release " + release.toHex() + " of upgrade "
        + "\"staking\" (version 3 at height " + H + ") is in the release store");
    assertTrue(present >= 0 && present < err.indexOf("UPGRADE REQUIRED at height"),
        "stored before the height: " + err);
    assertTrue(!err.contains("waiting for release"), err);
    System.out.println("SupervisorIT: release artifact " + packed.path("bytes").asLong()
        + " bytes; " + err.lines().filter(l -> l.startsWith("bcos supervisor:")).toList());
    assertEquals(1, err.lines().filter(l -> l.contains("switched to release")).count(), err);
    Path current = data.resolve(ReleaseSupervisor.DIRECTORY).resolve(ReleaseSupervisor.CURRENT);
    assertEquals(Path.of("releases", "0.1.0-" + release.toHex().substring(0, 8)),
        Files.readSymbolicLink(current));
    assertTrue(Files.isRegularFile(current.resolve("lib/bcos-cli.jar")));

    nodes.awaitCatchUp(4, List.of(1, 2, 3));
    long top = nodes.height(4);
    assertEquals(nodes.get(1).block(Long.toString(top), false).path("stateRoot").asText(),
        nodes.get(4).block(Long.toString(top), false).path("stateRoot").asText());
    assertEquals(3, nodes.get(4).block(Long.toString(H), false).path("protocolVersion").asInt());

    // SIGTERM to the supervisor stops the node it runs, and the supervisor ends
    supervised.process().destroy();
    assertTrue(supervised.process().waitFor(60, TimeUnit.SECONDS), "supervisor ended");
    Await.until("node 4 stopped with its supervisor", Duration.ofSeconds(30),
        () -> nodes.tryHeight(4).isEmpty());
  }

  /** What the supervisor (and the nodes it ran) printed to standard error so far. */
  private String said() {
    try {
      return Files.readString(supervised.err());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** {@code bcos release pack} of this build's jars, as an operator runs it. */
  private static JsonNode pack() throws Exception {
    Path out = root.resolve("release");
    Path jar = Path.of("target", "bcos-cli.jar").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"),
        "bin", "java").toString(), "-XX:TieredStopAtLevel=1", "-cp", jar + ":"
        + jar.resolveSibling("lib") + "/*", BcosCli.class.getName(), "release", "pack", "--out",
        out.toString(), "--json"));
    Path stdout = root.resolve("pack.out");
    Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pack finished");
    assertEquals(0, p.exitValue());
    return new ObjectMapper().readTree(Files.readString(stdout));
  }

  private static List<Integer> versions(JsonNode packed) {
    List<Integer> v = new ArrayList<>();
    packed.path("protocolVersions").forEach(n -> v.add(n.asInt()));
    return v;
  }

  /**
   * Node 4's {@code current}: an "old release" whose launcher runs this build as a release without
   * version 3 ({@code --max-protocol-version 2}).
   */
  private static void oldRelease(Path data) throws Exception {
    Path home = data.resolve(ReleaseSupervisor.DIRECTORY);
    Path bin = home.resolve("releases/old/bin");
    Files.createDirectories(bin);
    StringBuilder java = new StringBuilder("exec");
    for (String part : CrashIT.NodeProcess.javaCommand()) {
      java.append(" '").append(part.replace("'", "'\\''")).append("'");
    }
    Files.writeString(bin.resolve("bcos"), "#!/bin/sh\n" + java
        + " \"$@\" --max-protocol-version 2\n");
    Files.setPosixFilePermissions(bin.resolve("bcos"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(home.resolve(ReleaseSupervisor.CURRENT), Path.of("releases/old"));
  }
}
