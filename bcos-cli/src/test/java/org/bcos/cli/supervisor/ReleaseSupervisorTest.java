package org.bcos.cli.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bcos.node.release.ReleaseArchive;
import org.bcos.node.release.ReleaseArchive.FileEntry;
import org.bcos.node.release.ReleaseArchive.Manifest;
import org.bcos.node.release.ReleaseStore;
import org.bcos.types.Hash;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor with fake children: releases whose {@code bin/bcos} is a small shell script
 * (the "old" one records a stop for version 3 and exits 3, the new one records its run and exits
 * 0). What is checked is what the supervisor does with them: the switch, the wait, the refusals
 * with {@code current} untouched, the statuses that pass through, the stop.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReleaseSupervisorTest {
  private static final Duration FAST = Duration.ofMillis(50);

  @TempDir Path dir;
  private Path data;
  private final ByteArrayOutputStream said = new ByteArrayOutputStream();

  @BeforeEach
  void dataDir() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data);
  }

  private String said() {
    return said.toString(StandardCharsets.UTF_8);
  }

  private ReleaseSupervisor supervisor(List<String> ownCommand) {
    return new ReleaseSupervisor(new ReleaseSupervisor.Settings(data, List.of("--data",
        data.toString()), ownCommand, FAST, Duration.ofMillis(200), Duration.ofSeconds(30)),
        new PrintStream(said, true, StandardCharsets.UTF_8));
  }

  private ReleaseSupervisor supervisor() {
    return supervisor(List.of("false"));
  }

  /** An unpacked release in the supervisor's directory, made current, running {@code script}. */
  private void currentRelease(String script) throws IOException {
    Path bin = data.resolve("supervisor/releases/old/bin");
    Files.createDirectories(bin);
    Files.writeString(bin.resolve("bcos"), "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(bin.resolve("bcos"), PosixFilePermissions.fromString(
        "rwxr-xr-x"));
    Files.createSymbolicLink(data.resolve("supervisor/current"), Path.of("releases/old"));
  }

  /** The old software: records its run, stops for version 3 at height 10 with {@code release}. */
  private void oldSoftwareStoppingFor(Hash release) throws IOException {
    currentRelease("echo \"old $*\" >> \"$3/runs\"\n"
        + "printf '{\"height\":10,\"version\":3,\"name\":\"v3\",\"release\":\"" + release.toHex()
        + "\"}' > \"$3/upgrade-required.json\"\nexit 3");
  }

  /** A release tarball shipping {@code versions} that records its run and exits 0. */
  private static byte[] newRelease(List<Integer> versions) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReleaseArchive.write(out, new Manifest("bcos", "9.9.9", versions, Optional.empty()),
        List.of(FileEntry.of(ReleaseArchive.LAUNCHER, "#!/bin/sh\necho \"new $*\" >> \"$3/runs\"\n"
            .getBytes(StandardCharsets.UTF_8), true)));
    return out.toByteArray();
  }

  private static Hash sha(byte[] bytes) throws Exception {
    return Hash.wrap(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private void store(byte[] artifact) throws IOException {
    assertTrue(ReleaseStore.of(data).put(new ByteArrayInputStream(artifact), sha256(artifact))
        .stored());
  }

  private static Hash sha256(byte[] bytes) {
    try {
      return sha(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static CompletableFuture<Integer> runAsync(ReleaseSupervisor supervisor) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return supervisor.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private String runs() throws IOException {
    return Files.readString(data.resolve("runs"));
  }

  private Path currentTarget() throws IOException {
    return Files.readSymbolicLink(data.resolve("supervisor/current"));
  }

  private long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  @Test
  void switchesOnceToTheStoredReleaseAndStartsItWithTheSameOptions() throws Exception {
    byte[] artifact = newRelease(List.of(1, 2, 3));
    Hash release = sha(artifact);
    oldSoftwareStoppingFor(release);
    store(artifact);
    assertEquals(0, supervisor().run(), said());
    assertEquals("old node --data " + data + "\nnew node --data " + data + "\n", runs());
    assertEquals(Path.of("releases", "9.9.9-" + release.toHex().substring(0, 8)),
        currentTarget());
    assertEquals(1, count(said(), "bcos supervisor: switched to release " + release.toHex()
        + " for protocol version 3 at height 10"), said());
    assertTrue(Files.isRegularFile(data.resolve("supervisor/current/release.json")));
  }

  @Test
  void waitsForAMissingArtifactSayingWhatToRunThenProceedsWhenItArrives() throws Exception {
    byte[] artifact = newRelease(List.of(1, 2, 3));
    Hash release = sha(artifact);
    oldSoftwareStoppingFor(release);
    ReleaseSupervisor supervisor = supervisor();
    CompletableFuture<Integer> run = runAsync(supervisor);
    String hint = "run: bcos upgrade fetch --from-file PATH --release " + release.toHex()
        + " --data " + data;
    long end = System.nanoTime() + 20_000_000_000L;
    while (count(said(), hint) < 2 && System.nanoTime() < end) Thread.sleep(20);
    assertTrue(count(said(), hint) >= 2, "told again after the reminder interval: " + said());
    assertFalse(run.isDone(), "still waiting");
    assertEquals(Path.of("releases/old"), currentTarget());
    store(artifact);
    assertEquals(0, run.get(20, TimeUnit.SECONDS), said());
    assertTrue(runs().endsWith("new node --data " + data + "\n"), runs());
    assertEquals(Path.of("releases", "9.9.9-" + release.toHex().substring(0, 8)),
        currentTarget());
  }

  @Test
  void anArtifactChangedOnDiskIsRefusedAndCurrentIsUntouched() throws Exception {
    byte[] artifact = newRelease(List.of(1, 2, 3));
    Hash release = sha(artifact);
    oldSoftwareStoppingFor(release);
    store(artifact);
    Files.write(ReleaseStore.of(data).path(release), new byte[] {0}, StandardOpenOption.APPEND);
    assertEquals(1, supervisor().run());
    assertTrue(said().contains("error: RELEASE_HASH_MISMATCH: "), said());
    assertTrue(said().contains("current is unchanged (-> releases/old)"), said());
    assertRefusedWithNothingUnpacked();
  }

  @Test
  void aReleaseLackingTheVersionIsRefusedAndCurrentIsUntouched() throws Exception {
    byte[] artifact = newRelease(List.of(1, 2));
    oldSoftwareStoppingFor(sha(artifact));
    store(artifact);
    assertEquals(1, supervisor().run());
    assertTrue(said().contains("error: RELEASE_LACKS_VERSION: "), said());
    assertRefusedWithNothingUnpacked();
  }

  @Test
  void aReleaseThatStopsAgainForTheSameUpgradeEndsTheRunInsteadOfLooping() throws Exception {
    // the "new" release stops for the same upgrade (no release of its own: a fixed hash in it)
    Path stopFile = dir.resolve("stop.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReleaseArchive.write(out, new Manifest("bcos", "9.9.9", List.of(1, 2, 3), Optional.empty()),
        List.of(FileEntry.of(ReleaseArchive.LAUNCHER, ("#!/bin/sh\necho \"new $*\" >> \"$3/runs\"\n"
            + "cp " + stopFile + " \"$3/upgrade-required.json\"\nexit 3\n")
            .getBytes(StandardCharsets.UTF_8), true)));
    byte[] artifact = out.toByteArray();
    Hash release = sha(artifact);
    Files.writeString(stopFile, "{\"height\":10,\"version\":3,\"name\":\"v3\",\"release\":\""
        + release.toHex() + "\"}");
    oldSoftwareStoppingFor(release);
    store(artifact);
    assertEquals(1, supervisor().run());
    assertTrue(said().contains("error: RELEASE_SWITCH_LOOP: "), said());
    assertEquals(1, count(said(), "switched to release"), said());
    assertEquals("old node --data " + data + "\nnew node --data " + data + "\n", runs());
  }

  /**
   * {@code --auto-fetch} with a fake child RPC whose plan (version 3, lacked) has {@code artifact}
   * as release, and whose {@code upgrade_fetch} stores it as the node's P2P fetch would (hash
   * checked only); the old software waits (bounded) until the artifact is in the store, then stops.
   */
  private ReleaseSupervisor autoFetchingSupervisor(byte[] artifact, List<String> calls)
      throws IOException {
    Hash release = sha256(artifact);
    currentRelease("echo \"old $*\" >> \"$3/runs\"\ni=0\n"
        + "while [ ! -f \"$3/releases/" + release.toHex() + "\" ] && [ $i -lt 400 ]; do "
        + "sleep 0.05; i=$((i+1)); done\n"
        + "printf '{\"height\":10,\"version\":3,\"name\":\"v3\",\"release\":\""
        + release.toHex() + "\"}' > \"$3/upgrade-required.json\"\nexit 3");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    AutoFetch.UpgradeRpc rpc = new AutoFetch.UpgradeRpc() {
      @Override
      public com.fasterxml.jackson.databind.JsonNode status() {
        calls.add("status");
        try {
          return json.readTree("{\"scheduled\":{\"name\":\"v3\",\"version\":3,\"release\":\""
              + release.toHex() + "\",\"height\":10,\"supported\":false},\"planned\":[]}");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public com.fasterxml.jackson.databind.JsonNode fetch() {
        calls.add("fetch");
        try {
          store(artifact);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return json.createObjectNode().put("state", "STORED");
      }
    };
    return new ReleaseSupervisor(new ReleaseSupervisor.Settings(data, List.of("--data",
        data.toString()), List.of("false"), FAST, Duration.ofMillis(200), Duration.ofSeconds(30),
        Optional.of(new AutoFetch.Config(rpc, FAST))),
        new PrintStream(said, true, StandardCharsets.UTF_8));
  }

  @Test
  void withAutoFetchTheRunningChildFetchesTheLackedReleaseOnceAndItIsSwitchedTo()
      throws Exception {
    byte[] artifact = newRelease(List.of(1, 2, 3));
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertEquals(0, autoFetchingSupervisor(artifact, calls).run(), said());
    assertEquals(1, calls.stream().filter("fetch"::equals).count(), calls.toString());
    assertEquals(1, count(said(), "bcos supervisor: fetching release " + sha(artifact).toHex()),
        said());
    assertFalse(said().contains("waiting for release"), "it was there before the stop: " + said());
    assertTrue(runs().endsWith("new node --data " + data + "\n"), runs());
  }

  @Test
  void withAutoFetchAFetchedReleaseLackingTheVersionIsRefusedAndCurrentIsUntouched()
      throws Exception {
    byte[] artifact = newRelease(List.of(1, 2)); // the voted hash, but not a release of version 3
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    assertEquals(1, autoFetchingSupervisor(artifact, calls).run());
    assertTrue(calls.contains("fetch"), calls.toString());
    assertTrue(said().contains("error: RELEASE_LACKS_VERSION: "), said());
    assertTrue(said().contains("current is unchanged (-> releases/old)"), said());
    assertRefusedWithNothingUnpacked();
  }

  private void assertRefusedWithNothingUnpacked() throws IOException {
    assertEquals(Path.of("releases/old"), currentTarget());
    try (var dirs = Files.list(data.resolve("supervisor/releases"))) {
      assertEquals(List.of("old"), dirs.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals("old node --data " + data + "\n", runs(), "not started again");
  }

  @Test
  void exitStatuses0And1And2PassThroughWithoutARestart() throws Exception {
    currentRelease("echo run >> \"$3/runs\"\nexit $(cat \"$3/status\")");
    for (int status : List.of(0, 1, 2)) {
      Files.writeString(data.resolve("status"), Integer.toString(status));
      Files.deleteIfExists(data.resolve("runs"));
      assertEquals(status, supervisor().run());
      assertEquals("run\n", runs());
    }
  }

  @Test
  void withoutACurrentReleaseItRunsItsOwnSoftware() throws Exception {
    ReleaseSupervisor own = supervisor(List.of("sh", "-c", "echo \"own $*\" >> \"$3/runs\"; "
        + "exit 2", "sh"));
    assertEquals(2, own.run());
    assertEquals("own node --data " + data + "\n", runs());
  }

  @Test
  void stopTerminatesTheChildAndEndsTheRun() throws Exception {
    currentRelease("echo started >> \"$3/runs\"\nexec sleep 30");
    ReleaseSupervisor supervisor = supervisor();
    CompletableFuture<Integer> run = runAsync(supervisor);
    long end = System.nanoTime() + 20_000_000_000L;
    while (!Files.exists(data.resolve("runs")) && System.nanoTime() < end) Thread.sleep(20);
    long before = System.nanoTime();
    supervisor.stop();
    assertEquals(143, run.get(10, TimeUnit.SECONDS), "SIGTERM'd child");
    assertTrue(System.nanoTime() - before < 10_000_000_000L);
    assertEquals("started\n", runs(), "not restarted");
  }
}
