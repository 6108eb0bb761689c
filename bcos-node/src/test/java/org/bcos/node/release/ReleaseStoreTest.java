package org.bcos.node.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bcos.types.Hash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseStoreTest {
  @TempDir Path data;

  static Hash sha(byte[] bytes) {
    return Hash.wrap(ReleaseStore.sha256().digest(bytes));
  }

  private static ByteArrayInputStream in(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  private List<Path> files() throws IOException {
    Path dir = data.resolve(ReleaseStore.DIRECTORY);
    if (!Files.isDirectory(dir)) return List.of();
    try (var s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void storesAnArtifactWhoseHashIsTheExpectedOneUnderThatHash() throws IOException {
    byte[] artifact = "bcos-3.tar.gz bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ReleaseStore store = ReleaseStore.of(data);
    assertFalse(store.has(sha(artifact)));
    PutResult r = store.put(in(artifact), sha(artifact));
    assertEquals(PutResult.Outcome.STORED, r.outcome());
    assertEquals(data.resolve("releases").resolve(sha(artifact).toHex()), r.path());
    assertArrayEquals(artifact, Files.readAllBytes(r.path()));
    assertTrue(store.has(sha(artifact)));
    assertEquals(artifact.length, store.size(sha(artifact)));
    assertEquals(List.of(r.path()), files());
  }

  @Test
  void refusesAnArtifactWithAnotherHashAndKeepsNothing() throws IOException {
    byte[] voted = {1, 2, 3};
    byte[] other = {1, 2, 4};
    ReleaseStore store = ReleaseStore.of(data);
    PutResult r = store.put(in(other), sha(voted));
    assertEquals(PutResult.Outcome.RELEASE_HASH_MISMATCH, r.outcome());
    assertEquals(sha(other), r.sha256());
    assertNull(r.path());
    assertFalse(store.has(sha(voted)));
    assertEquals(List.of(), files());
  }

  @Test
  void refusesAnArtifactOverTheLimitAndKeepsNothing() throws IOException {
    byte[] big = new byte[101];
    ReleaseStore store = new ReleaseStore(data, 100);
    PutResult r = store.put(in(big), sha(big));
    assertEquals(PutResult.Outcome.RELEASE_TOO_LARGE, r.outcome());
    assertEquals(List.of(), files());
    assertTrue(store.put(in(new byte[100]), sha(new byte[100])).stored());
  }

  @Test
  void aSecondCopyOfAStoredArtifactLeavesItStoredAndAWrongOneDoesNotTouchIt() throws IOException {
    byte[] artifact = {9, 9, 9};
    ReleaseStore store = ReleaseStore.of(data);
    store.put(in(artifact), sha(artifact));
    assertTrue(store.put(in(artifact), sha(artifact)).stored());
    assertEquals(PutResult.Outcome.RELEASE_HASH_MISMATCH, store.put(in(new byte[] {8}), sha(artifact)).outcome());
    assertArrayEquals(artifact, Files.readAllBytes(store.path(sha(artifact))));
    assertEquals(1, files().size());
  }

  @Test
  void aSourceThatFailsLeavesNoTemporaryFile() {
    ReleaseStore store = ReleaseStore.of(data);
    var failing = new java.io.InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    assertEquals("connection reset",
        assertThrows(IOException.class, () -> store.put(failing, Hash.ZERO)).getMessage());
    assertFalse(store.has(Hash.ZERO));
  }

  @Test
  void removesTheTemporaryFilesACrashLeft() throws IOException {
    Path dir = Files.createDirectories(data.resolve("releases"));
    Files.write(dir.resolve("ab.123.part"), new byte[] {1});
    byte[] artifact = {7};
    ReleaseStore store = ReleaseStore.of(data);
    store.put(in(artifact), sha(artifact));
    store.removeLeftovers();
    assertEquals(List.of(store.path(sha(artifact))), files());
  }

  @Test
  void aFetchedFileIsAdoptedOnlyOnItsHashAndLeftForTheCallerOtherwise() throws IOException {
    byte[] artifact = {1, 2, 3, 4, 5, 6};
    ReleaseStore store = ReleaseStore.of(data);
    Path wrong = store.newTempFile(sha(artifact));
    Files.write(wrong, new byte[] {1, 2, 3});
    assertFalse(store.adopt(wrong, sha(artifact)));
    assertTrue(Files.exists(wrong), "left for the caller to compare");
    assertFalse(store.has(sha(artifact)));
    Files.delete(wrong);
    Path right = store.newTempFile(sha(artifact));
    Files.write(right, artifact);
    assertTrue(store.adopt(right, sha(artifact)));
    assertFalse(Files.exists(right));
    assertArrayEquals(new byte[] {3, 4, 5}, store.read(sha(artifact), 2, 3));
    assertThrows(IOException.class, () -> store.read(sha(artifact), 4, 3));
    ReleaseStore small = new ReleaseStore(data, 5);
    Path big = small.newTempFile(sha(artifact));
    Files.write(big, artifact);
    assertFalse(small.adopt(big, sha(artifact)), "over the limit, even with the right hash");
  }

  @Test
  void theLimitIsChecked() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ReleaseStore(data, 0))
        .getMessage().contains("maxReleaseBytes"));
    assertThrows(IllegalArgumentException.class,
        () -> new ReleaseStore(data, ReleaseStore.MAX_RELEASE_BYTES + 1));
  }
}
