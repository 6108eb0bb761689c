package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bcos.client.BcosClient;
import org.bcos.node.release.PutResult;
import org.bcos.node.release.ReleaseArchive;
import org.bcos.node.release.ReleaseStore;
import org.bcos.node.release.UpgradeRequiredFile;
import org.bcos.types.Hash;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bcos upgrade fetch}: puts the release artifact of the scheduled upgrade into the node's
 * release store ({@code <data>/releases/<sha256>}), kept only if its SHA-256 is the voted one
 * (docs/GOVERNANCE.md "Release artifacts"). Without a source the node fetches it from its peers
 * ({@code upgrade_fetch}) and the command follows its progress. With {@code --from-file} or
 * {@code --from-url} the CLI writes the store itself, running node or not: the store's atomic
 * rename makes that safe, and the node never reads a file the operator names (an RPC that read
 * paths or URLs would let any RPC caller probe the node's disk or network).
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Store the scheduled upgrade's release artifact in the node's data directory, "
        + "verified against the voted SHA-256 and (from a file or URL) checked to be a release "
        + "shipping the plan's protocol version: from the node's peers (no source given), a file "
        + "or a URL")
final class UpgradeFetch implements Callable<Integer> {
  /** Longest a download may take by default. */
  static final int DEFAULT_TIMEOUT_SECONDS = 600;
  /** Longest a download may be given. */
  static final int MAX_TIMEOUT_SECONDS = 3_600;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  @Mixin CommonOptions common;
  @Option(names = "--from-file", paramLabel = "PATH", description = "the release artifact on disk")
  Path fromFile;
  @Option(names = "--from-url", paramLabel = "URL",
      description = "download the release artifact from an http(s) URL")
  String fromUrl;
  @Option(names = "--data", paramLabel = "DIR",
      description = "the node's data directory (default ./bcos-data/node)")
  Path data = Path.of("bcos-data", "node");
  @Option(names = "--release", paramLabel = "SHA256", description = "the release hash to expect "
      + "(the one in the node's UPGRADE REQUIRED line): needed when the node is stopped; when it "
      + "runs, it must be its scheduled or planned upgrade's")
  String release;
  @Option(names = "--timeout-seconds", paramLabel = "S", description = "longest a download "
      + "(--from-url, or from peers) may take, 1.." + MAX_TIMEOUT_SECONDS + " (default "
      + DEFAULT_TIMEOUT_SECONDS + ")")
  int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  @Option(names = "--max-bytes", paramLabel = "N", description = "largest artifact taken, "
      + "1.." + ReleaseStore.MAX_RELEASE_BYTES + " (default: that)")
  long maxBytes = ReleaseStore.MAX_RELEASE_BYTES;

  /**
   * The release to fetch and what it is for.
   *
   * @param version the protocol version the release must ship (0: unknown, the node stopped and
   *     left no stop file naming this release; the artifact is still checked to be a release)
   */
  record Target(Hash release, String plan, int version) {}

  @Override
  public Integer call() throws IOException {
    if (fromFile != null && fromUrl != null) {
      throw new CliException("INVALID_ARGUMENT", "give at most one source: --from-file PATH or "
          + "--from-url URL (neither: from the node's peers)");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
      throw new CliException("INVALID_ARGUMENT", "--timeout-seconds must be 1.."
          + MAX_TIMEOUT_SECONDS);
    }
    if (maxBytes < 1 || maxBytes > ReleaseStore.MAX_RELEASE_BYTES) {
      throw new CliException("INVALID_ARGUMENT", "--max-bytes must be 1.."
          + ReleaseStore.MAX_RELEASE_BYTES);
    }
    if (fromFile == null && fromUrl == null) return fromPeers();
    Target target = target();
    PutResult result = fromFile != null ? storeFile(target) : storeUrl(target);
    report(target, result);
    return 0;
  }

  /** How often the progress of a fetch from peers is asked for. */
  private static final long POLL_MILLIS = 1_000;

  /** Asks the node to fetch from its peers and follows it until stored or the time is up. */
  private int fromPeers() {
    BcosClient client = common.client();
    long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    String said = "";
    while (true) {
      JsonNode s = client.call("upgrade_fetch");
      if (release != null && !parseHash(release).toHex().equals(s.path("release").asText())) {
        throw new CliException("RELEASE_NOT_SCHEDULED", "--release " + release + " is not the "
            + "release the node fetches (" + s.path("release").asText() + ")");
      }
      if (s.path("state").asText().equals("STORED")) return stored(s);
      String line = progress(s);
      if (!common.json && !line.equals(said)) System.err.println(line);
      said = line;
      if (System.nanoTime() - end >= 0) {
        throw new CliException("RELEASE_NOT_FETCHED", "not stored within --timeout-seconds "
            + timeoutSeconds + " (" + line + "); the node goes on fetching: run the command "
            + "again to follow it");
      }
      sleep();
    }
  }

  private int stored(JsonNode s) {
    if (common.json) {
      Output.json(System.out, s);
    } else {
      System.out.println("the node stored the verified release artifact of upgrade \""
          + s.path("name").asText() + "\" -> version " + s.path("version").asLong() + ": "
          + s.path("size").asLong() + " bytes, sha256 " + s.path("release").asText()
          + ", in its data directory's releases/");
    }
    return 0;
  }

  /** One line of a fetch's progress, as people read it. */
  static String progress(JsonNode s) {
    return org.bcos.cli.supervisor.AutoFetch.progress(s);
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("INTERRUPTED", "interrupted; the node goes on fetching");
    }
  }

  /** The plan's release from the running node, or {@code --release} when no node answers. */
  Target target() {
    Hash given = release == null ? null : parseHash(release);
    JsonNode status;
    try {
      status = common.client().call("upgrade_status");
    } catch (BcosClient.UnreachableException e) {
      if (given == null) {
        throw new CliException("NODE_UNREACHABLE", e.getMessage() + "; with the node stopped, "
            + "give the release hash it printed: --release SHA256");
      }
      return new Target(given, "release " + given.toHex() + " (given by --release; the node "
          + "did not answer, so no plan was checked)", stoppedFor(given));
    }
    return target(status, given);
  }

  /** The scheduled plan, else the first planned one; {@code given} must be its release. */
  static Target target(JsonNode status, Hash given) {
    JsonNode plan = org.bcos.cli.supervisor.AutoFetch.wantedPlan(status);
    if (plan.isMissingNode()) {
      throw new CliException("NO_SCHEDULED_UPGRADE", "the node has no scheduled or planned "
          + "upgrade, so there is no release to fetch");
    }
    Hash voted = Hash.fromHex(plan.path("release").asText());
    if (given != null && !given.equals(voted)) {
      throw new CliException("RELEASE_NOT_SCHEDULED", "--release " + given.toHex() + " is not "
          + "the release of the upgrade \"" + plan.path("name").asText() + "\" (" + voted.toHex()
          + ")");
    }
    return new Target(voted, "upgrade \"" + plan.path("name").asText() + "\" -> version "
        + plan.path("version").asLong() + " at height " + plan.path("height").asLong(),
        plan.path("version").asInt());
  }

  /**
   * The version the stopped node needs from {@code release}, as its {@code upgrade-required.json}
   * says (0 when it names no such release).
   */
  private int stoppedFor(Hash release) {
    try {
      return UpgradeRequiredFile.read(data)
          .filter(stop -> stop.release().equals(java.util.Optional.of(release)))
          .map(UpgradeRequiredFile.Stop::version).orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The artifact must be a safe release shipping the target's version, or nothing is kept. */
  private static PutResult put(ReleaseStore store, InputStream in, Target target)
      throws IOException {
    try {
      return store.put(in, target.release(), artifact -> {
        if (target.version() > 0) {
          ReleaseArchive.check(artifact, target.version());
        } else {
          ReleaseArchive.check(artifact);
        }
      });
    } catch (ReleaseArchive.ReleaseException e) {
      throw refusal(e.reason(), "the artifact with the voted sha256 " + target.release().toHex()
          + " is refused: " + e.getMessage() + "; nothing was kept");
    }
  }

  /** The CLI's failure for an artifact {@link ReleaseArchive} refused, under the same name. */
  static CliException refusal(ReleaseArchive.Reason reason, String message) {
    return switch (reason) {
      case RELEASE_MALFORMED -> new CliException("RELEASE_MALFORMED", message);
      case RELEASE_UNSAFE_ENTRY -> new CliException("RELEASE_UNSAFE_ENTRY", message);
      case RELEASE_TOO_MANY_ENTRIES -> new CliException("RELEASE_TOO_MANY_ENTRIES", message);
      case RELEASE_UNPACKED_TOO_LARGE -> new CliException("RELEASE_UNPACKED_TOO_LARGE", message);
      case RELEASE_LACKS_VERSION -> new CliException("RELEASE_LACKS_VERSION", message);
      case RELEASE_HASH_MISMATCH -> new CliException("RELEASE_HASH_MISMATCH", message);
    };
  }

  private static Hash parseHash(String hex) {
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new CliException("INVALID_HASH", "--release must be 64 hex digits (a SHA-256)");
    }
    return Hash.fromHex(hex.toLowerCase(java.util.Locale.ROOT));
  }

  private PutResult storeFile(Target target) throws IOException {
    try (InputStream in = Files.newInputStream(fromFile)) {
      return put(new ReleaseStore(data, maxBytes), in, target);
    } catch (NoSuchFileException e) {
      throw new CliException("FILE_UNREADABLE", "--from-file " + fromFile + ": no such file");
    }
  }

  private PutResult storeUrl(Target target) throws IOException {
    URI uri = parseUrl(fromUrl);
    HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds))
        .GET().build();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      HttpResponse<InputStream> response = http.send(request,
          HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        response.body().close();
        throw new CliException("RELEASE_DOWNLOAD_FAILED", fromUrl + " answered HTTP "
            + response.statusCode());
      }
      try (InputStream body = new Deadline(response.body(), timer, timeoutSeconds)) {
        return put(new ReleaseStore(data, maxBytes), body, target);
      }
    } catch (IOException e) {
      throw new CliException("RELEASE_DOWNLOAD_FAILED", fromUrl + ": " + e.getMessage()
          + "; nothing was kept");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("INTERRUPTED", "the download was interrupted; nothing was kept");
    } finally {
      timer.shutdownNow();
      http.close();
    }
  }

  static URI parseUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(
          java.util.Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) return uri;
    } catch (java.net.URISyntaxException e) {
      // refused below, by name
    }
    throw new CliException("INVALID_ARGUMENT", "--from-url must be an http:// or https:// URL, "
        + "not " + url);
  }

  private void report(Target target, PutResult result) {
    switch (result.outcome()) {
      case STORED -> {
        if (common.json) {
          Output.json(System.out, Output.object().put("release", target.release().toHex())
              .put("bytes", result.bytes()).put("path", result.path().toString()));
        } else {
          System.out.println("stored the verified release artifact of " + target.plan() + ": "
              + result.path() + " (" + result.bytes() + " bytes, sha256 "
              + target.release().toHex() + ")");
        }
      }
      case RELEASE_HASH_MISMATCH -> throw new CliException("RELEASE_HASH_MISMATCH", "the "
          + "artifact's sha256 is " + result.sha256().toHex() + ", not the voted "
          + target.release().toHex() + " of " + target.plan() + "; nothing was kept");
      case RELEASE_TOO_LARGE -> throw new CliException("RELEASE_TOO_LARGE", "the artifact is "
          + "larger than " + maxBytes + " bytes (--max-bytes); nothing was kept");
    }
  }

  /** A body that is closed, failing its reader, once the download's time is up. */
  private static final class Deadline extends FilterInputStream {
    private volatile boolean expired;

    Deadline(InputStream in, ScheduledExecutorService timer, int seconds) {
      super(in);
      timer.schedule(() -> {
        expired = true;
        try {
          in.close();
        } catch (IOException e) {
          // closing is how the blocked read is stopped; a failure to close changes nothing
        }
      }, seconds, TimeUnit.SECONDS);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (expired) throw new IOException("not done within --timeout-seconds");
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw expired ? new IOException("not done within --timeout-seconds") : e;
      }
    }
  }
}
