package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bcos.types.Hash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bcos upgrade fetch} against a fake node on loopback that answers {@code upgrade_status}
 * and serves files: the artifact is kept only under the voted hash, everything else is refused by
 * name with nothing kept.
 */
class UpgradeFetchTest {
  private static final byte[] ARTIFACT = artifact(java.util.List.of(1, 2, 3));

  private static byte[] artifact(java.util.List<Integer> versions) {
    try {
      return TestReleases.release(versions);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

  @TempDir Path dir;
  private HttpServer server;
  private String scheduled;
  private String rpc;

  static Hash sha(byte[] bytes) throws Exception {
    return Hash.wrap(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @BeforeEach
  void fakeNode() throws Exception {
    scheduled = "'scheduled':{'name':'staking','version':3,'release':'" + sha(ARTIFACT).toHex()
        + "','height':20,'scheduledAt':0,'supported':false,'blocksLeft':8},";
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/rpc", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = ID.matcher(body);
      String id = m.find() ? m.group(1) : "1";
      String result = body.contains("upgrade_fetch") ? fetchAnswer()
          : "{'height':12,'version':2,'software':[]," + scheduled + "'planned':[],'applied':[]}";
      reply(ex, 200, ("{'jsonrpc':'2.0','id':" + id + ",'result':" + result + "}")
          .replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    });
    server.createContext("/release", ex -> reply(ex, 200, ARTIFACT));
    server.createContext("/other", ex -> reply(ex, 200, new byte[] {1, 2, 3}));
    server.createContext("/missing", ex -> reply(ex, 404, new byte[0]));
    server.start();
    rpc = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The answers of upgrade_fetch, one per call, the last repeated. */
  private final java.util.List<String> fetchAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();

  private String fetchAnswer() {
    return fetchAnswers.size() > 1 ? fetchAnswers.remove(0) : fetchAnswers.get(0);
  }

  private String fetch(String state, int done, String problem) throws Exception {
    return "{'name':'staking','version':3,'release':'" + sha(ARTIFACT).toHex() + "','state':'"
        + state + "','size':13,'chunksDone':" + done + ",'chunks':1,'peers':2"
        + (problem.isEmpty() ? "" : ",'problem':'" + problem + "'") + "}";
  }

  @Test
  void withoutASourceTheNodeFetchesFromPeersAndTheCommandFollowsIt() throws Exception {
    fetchAnswers.addAll(java.util.List.of(fetch("WAITING_FOR_PEERS", 0, ""),
        fetch("FETCHING", 0, "RELEASE_HASH_MISMATCH: x"), fetch("STORED", 1, "")));
    InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("waiting: no connected peer announced release "
        + sha(ARTIFACT).toHex()), r.err());
    assertTrue(r.err().contains("fetching release " + sha(ARTIFACT).toHex() + ": 0/1 chunks of "
        + "13 bytes from 2 peer(s); RELEASE_HASH_MISMATCH: x"), r.err());
    assertTrue(r.out().startsWith("the node stored the verified release artifact of upgrade "
        + "\"staking\" -> version 3: 13 bytes"), r.out());
    fetchAnswers.clear();
    fetchAnswers.add(fetch("WAITING_FOR_PEERS", 0, ""));
    InProcessCli.Run late = run("upgrade", "fetch", "--rpc", rpc, "--timeout-seconds", "1");
    assertTrue(late.err().contains("error: RELEASE_NOT_FETCHED: not stored within "
        + "--timeout-seconds 1"), late.err());
  }

  private static void reply(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) ex.getResponseBody().write(body);
    ex.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static InProcessCli.Run run(String... args) {
    return InProcessCli.run(args);
  }

  private Path data() {
    return dir.resolve("data");
  }

  private Path stored() throws Exception {
    return data().resolve("releases").resolve(sha(ARTIFACT).toHex());
  }

  private boolean releasesEmpty() throws IOException {
    Path releases = data().resolve("releases");
    if (!Files.isDirectory(releases)) return true;
    try (var s = Files.list(releases)) {
      return s.findAny().isEmpty();
    }
  }

  @Test
  void aFileWithTheVotedHashIsStoredUnderIt() throws Exception {
    Path file = Files.write(dir.resolve("bcos-3.tar.gz"), ARTIFACT);
    InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-file",
        file.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("stored the verified release artifact of upgrade \"staking\" "
        + "-> version 3 at height 20: " + stored()), r.out());
    assertTrue(Files.exists(stored()));
  }

  @Test
  void aFileWithAnotherHashIsRefusedAndNothingIsKept() throws Exception {
    Path file = Files.write(dir.resolve("bad.tar.gz"), new byte[] {1, 2, 3});
    InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-file",
        file.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith("error: RELEASE_HASH_MISMATCH: the artifact's sha256 is "
        + sha(new byte[] {1, 2, 3}).toHex() + ", not the voted " + sha(ARTIFACT).toHex()),
        r.err());
    assertTrue(releasesEmpty());
  }

  @Test
  void anArtifactWithTheVotedHashThatIsNoReleaseOfTheVersionIsRefusedAndNothingIsKept()
      throws Exception {
    byte[] lacking = artifact(java.util.List.of(1, 2));
    byte[] notARelease = "bcos-3.tar.gz".getBytes(StandardCharsets.UTF_8);
    for (byte[] bytes : java.util.List.of(lacking, notARelease)) {
      scheduled = "'scheduled':{'name':'staking','version':3,'release':'" + sha(bytes).toHex()
          + "','height':20,'scheduledAt':0,'supported':false,'blocksLeft':8},";
      Path file = Files.write(dir.resolve("x.tar.gz"), bytes);
      InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
          "--from-file", file.toString());
      assertEquals(1, r.exit());
      String reason = bytes == lacking ? "RELEASE_LACKS_VERSION" : "RELEASE_MALFORMED";
      assertTrue(r.err().startsWith("error: " + reason + ": the artifact with the voted sha256 "
          + sha(bytes).toHex() + " is refused: "), r.err());
      assertTrue(r.err().contains("nothing was kept"), r.err());
      assertTrue(releasesEmpty());
    }
  }

  @Test
  void withTheNodeStoppedTheVersionComesFromItsStopFile() throws Exception {
    server.stop(0);
    byte[] lacking = artifact(java.util.List.of(1, 2));
    Files.createDirectories(data());
    Files.writeString(data().resolve(org.bcos.node.release.UpgradeRequiredFile.NAME),
        "{\"height\":20,\"version\":3,\"name\":\"staking\",\"release\":\""
            + sha(lacking).toHex() + "\"}");
    Path file = Files.write(dir.resolve("x.tar.gz"), lacking);
    InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
        "--from-file", file.toString(), "--release", sha(lacking).toHex());
    assertTrue(r.err().startsWith("error: RELEASE_LACKS_VERSION: "), r.err());
    assertTrue(releasesEmpty());
  }

  @Test
  void aUrlIsDownloadedVerifiedAndStored() throws Exception {
    InProcessCli.Run r = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-url",
        rpc + "/release", "--json");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"bytes\" : " + ARTIFACT.length)
        || r.out().contains("\"bytes\":" + ARTIFACT.length), r.out());
    assertTrue(Files.exists(stored()));
  }

  @Test
  void badDownloadsAreRefusedByNameWithNothingKept() throws Exception {
    InProcessCli.Run wrong = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-url",
        rpc + "/other");
    assertTrue(wrong.err().startsWith("error: RELEASE_HASH_MISMATCH: "), wrong.err());
    InProcessCli.Run missing = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
        "--from-url", rpc + "/missing");
    assertTrue(missing.err().startsWith("error: RELEASE_DOWNLOAD_FAILED: " + rpc
        + "/missing answered HTTP 404"), missing.err());
    InProcessCli.Run big = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-url",
        rpc + "/release", "--max-bytes", "4");
    assertTrue(big.err().startsWith("error: RELEASE_TOO_LARGE: "), big.err());
    InProcessCli.Run ftp = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-url",
        "ftp://127.0.0.1/x");
    assertTrue(ftp.err().startsWith("error: INVALID_ARGUMENT: --from-url must be an http"),
        ftp.err());
    assertTrue(releasesEmpty());
  }

  @Test
  void withTheNodeStoppedTheReleaseHashIsGivenAndChecked() throws Exception {
    server.stop(0);
    Path file = Files.write(dir.resolve("bcos-3.tar.gz"), ARTIFACT);
    InProcessCli.Run without = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
        "--from-file", file.toString());
    assertTrue(without.err().startsWith("error: NODE_UNREACHABLE: "), without.err());
    assertTrue(without.err().contains("--release SHA256"), without.err());
    InProcessCli.Run with = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(), "--from-file",
        file.toString(), "--release", sha(ARTIFACT).toHex());
    assertEquals(0, with.exit(), with.err());
    assertTrue(Files.exists(stored()));
  }

  @Test
  void aReleaseOtherThanThePlansOrNoPlanIsRefused() throws Exception {
    Path file = Files.write(dir.resolve("bcos-3.tar.gz"), ARTIFACT);
    InProcessCli.Run other = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
        "--from-file", file.toString(), "--release", "ab".repeat(32));
    assertTrue(other.err().startsWith("error: RELEASE_NOT_SCHEDULED: "), other.err());
    scheduled = "";
    InProcessCli.Run none = run("upgrade", "fetch", "--rpc", rpc, "--data", data().toString(),
        "--from-file", file.toString());
    assertTrue(none.err().startsWith("error: NO_SCHEDULED_UPGRADE: "), none.err());
    InProcessCli.Run both = run("upgrade", "fetch", "--rpc", rpc, "--from-file", file.toString(),
        "--from-url", rpc + "/release");
    assertTrue(both.err().startsWith("error: INVALID_ARGUMENT: give at most one source"),
        both.err());
    assertFalse(Files.exists(stored()));
  }

  @Test
  void statusSaysWhetherTheReleaseIsOnTheNodesDisk() throws Exception {
    var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(("{'height':12,"
        + "'version':2,'software':[],'scheduled':{'name':'staking','version':3,'release':'"
        + "ab".repeat(32) + "','height':20,'scheduledAt':0,'supported':true,'blocksLeft':8,"
        + "'releaseStored':false},'planned':[{'name':'gov','version':4,'release':'"
        + "cd".repeat(32) + "','height':50,'scheduledAt':0,'supported':true,"
        + "'releaseStored':true}],'applied':[]}").replace('\'', '"'));
    var lines = UpgradeCommand.lines(status);
    assertTrue(lines.get(2).endsWith("the node's software has it; release artifact not on the "
        + "node's disk (bcos upgrade fetch)"), lines.get(2));
    assertTrue(lines.get(3).endsWith("; release artifact verified on the node's disk"),
        lines.get(3));
  }
}
