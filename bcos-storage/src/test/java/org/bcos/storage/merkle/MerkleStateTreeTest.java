package org.bcos.storage.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bcos.types.Hash;
import org.bcos.types.TestSeed;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Encoder;
import org.junit.jupiter.api.Test;

class MerkleStateTreeTest {
  /** Replayable with -Dbcos.test.seed=S (before, a seed was printed but could not be set). */
  private static long seed(String test) {
    return TestSeed.of("MerkleStateTreeTest." + test);
  }

  // ---- an independent, naive implementation of the specification ----

  private static Hash sha256(byte prefix, Hash a, Hash b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prefix);
      md.update(a.toBytes());
      md.update(b.toBytes());
      return Hash.wrap(md.digest());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Hash leafHash(Hash key, Hash value) {
    return sha256((byte) 0, key, value);
  }

  /** Root by definition: empty = ZERO, one leaf = leaf hash, else split on the next bit. */
  static Hash specRoot(List<Map.Entry<Hash, Hash>> entries, int depth) {
    if (entries.isEmpty()) {
      return Hash.ZERO;
    }
    if (entries.size() == 1) {
      return leafHash(entries.get(0).getKey(), entries.get(0).getValue());
    }
    List<Map.Entry<Hash, Hash>> left = new ArrayList<>();
    List<Map.Entry<Hash, Hash>> right = new ArrayList<>();
    for (Map.Entry<Hash, Hash> e : entries) {
      (e.getKey().bit(depth) ? right : left).add(e);
    }
    return sha256((byte) 1, specRoot(left, depth + 1), specRoot(right, depth + 1));
  }

  static Hash specRoot(Map<Hash, Hash> map) {
    return specRoot(new ArrayList<>(map.entrySet()), 0);
  }

  // ---- generators ----

  static Hash randomHash(Random random) {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Hash.wrap(b);
  }

  /** A copy of {@code key} with bit {@code index} flipped. */
  static Hash flipBit(Hash key, int index) {
    byte[] b = key.toBytes();
    b[index >>> 3] ^= (byte) (0x80 >>> (index & 7));
    return Hash.wrap(b);
  }

  /** Random keys, a third of them near-twins of earlier ones so that paths run deep. */
  static Map<Hash, Hash> randomEntries(Random random, int count) {
    Map<Hash, Hash> entries = new TreeMap<>();
    List<Hash> keys = new ArrayList<>();
    while (entries.size() < count) {
      Hash key =
          keys.isEmpty() || random.nextInt(3) != 0
              ? randomHash(random)
              : flipBit(keys.get(random.nextInt(keys.size())), random.nextInt(256));
      if (entries.put(key, randomHash(random)) == null) {
        keys.add(key);
      }
    }
    return entries;
  }

  static MerkleStateTree treeOf(Map<Hash, Hash> entries) {
    MerkleStateTree tree = new MerkleStateTree();
    entries.forEach(tree::put);
    return tree;
  }

  // ---- tests ----

  @Test
  void emptyTreeRootIsZero() {
    MerkleStateTree tree = new MerkleStateTree();
    assertEquals(Hash.ZERO, tree.root());
    assertEquals(0, tree.size());
  }

  @Test
  void singleKeyRootIsLeafHash() {
    Random random = new Random(1);
    Hash key = randomHash(random);
    Hash value = randomHash(random);
    MerkleStateTree tree = new MerkleStateTree();
    tree.put(key, value);
    assertEquals(leafHash(key, value), tree.root());
    assertEquals(1, tree.size());
  }

  @Test
  void twoKeysDifferingInLastBitHangUnder256InternalNodes() {
    Hash a = Hash.ZERO;
    Hash b = flipBit(a, 255);
    Hash value = Hash.fromHex("11".repeat(32));
    MerkleStateTree tree = new MerkleStateTree();
    tree.put(b, value);
    tree.put(a, value);
    Hash expected = sha256((byte) 1, leafHash(a, value), leafHash(b, value));
    for (int depth = 254; depth >= 0; depth--) {
      expected = sha256((byte) 1, expected, Hash.ZERO);
    }
    assertEquals(expected, tree.root());
    MerkleProof proof = tree.prove(b);
    assertEquals(256, proof.siblings().size());
    assertTrue(MerkleProof.verifyInclusion(tree.root(), b, value, proof));
    assertEquals(proof, MerkleProof.decode(proof.encode()));
  }

  @Test
  void rootMatchesSpecificationAndIgnoresInsertionOrder() {
    qt().withFixedSeed(seed("rootMatchesSpecificationAndIgnoresInsertionOrder"))
        .withExamples(100)
        .forAll(longs().all(), integers().between(0, 200))
        .checkAssert(
            (s, count) -> {
              Random random = new Random(s);
              Map<Hash, Hash> entries = randomEntries(random, count);
              Hash expected = specRoot(entries);

              assertEquals(expected, treeOf(entries).root());
              List<Hash> shuffled = new ArrayList<>(entries.keySet());
              Collections.shuffle(shuffled, random);
              MerkleStateTree tree = new MerkleStateTree();
              // Detours that must leave no trace: stale values, extra keys removed again.
              for (Hash key : shuffled) {
                tree.put(key, randomHash(random));
                if (random.nextInt(4) == 0) {
                  Hash extra = flipBit(key, random.nextInt(256));
                  if (!entries.containsKey(extra)) {
                    tree.put(extra, randomHash(random));
                    tree.root();
                    tree.remove(extra);
                  }
                }
              }
              for (Hash key : shuffled) {
                tree.put(key, entries.get(key));
              }
              assertEquals(expected, tree.root());
              assertEquals(entries.size(), tree.size());
            });
  }

  @Test
  void rootChangesWhenAnyValueChanges() {
    Random random = new Random(2);
    Map<Hash, Hash> entries = randomEntries(random, 300);
    MerkleStateTree tree = treeOf(entries);
    Hash root = tree.root();
    for (Map.Entry<Hash, Hash> e : entries.entrySet()) {
      tree.put(e.getKey(), flipBit(e.getValue(), random.nextInt(256)));
      assertNotEquals(root, tree.root());
      tree.put(e.getKey(), e.getValue());
      assertEquals(root, tree.root());
    }
  }

  @Test
  void removeRestoresPreviousRoot() {
    qt().withFixedSeed(seed("removeRestoresPreviousRoot"))
        .withExamples(100)
        .forAll(longs().all(), integers().between(0, 100))
        .checkAssert(
            (s, count) -> {
              Random random = new Random(s);
              MerkleStateTree tree = treeOf(randomEntries(random, count));
              Hash before = tree.root();
              List<Hash> added =
                  new ArrayList<>(randomEntries(random, 1 + random.nextInt(10)).keySet());
              for (Hash key : added) {
                tree.put(key, randomHash(random));
              }
              tree.root();
              Collections.shuffle(added, random);
              for (Hash key : added) {
                tree.remove(key);
              }
              tree.remove(randomHash(random)); // absent: no effect
              assertEquals(before, tree.root());
              assertEquals(count, tree.size());
            });
  }

  @Test
  void removingEveryKeyEmptiesTheTree() {
    Random random = new Random(3);
    Map<Hash, Hash> entries = randomEntries(random, 100);
    MerkleStateTree tree = treeOf(entries);
    tree.root();
    entries.keySet().forEach(tree::remove);
    assertEquals(Hash.ZERO, tree.root());
    assertEquals(0, tree.size());
  }

  @Test
  void proofsVerifyForPresentAndAbsentKeys() {
    qt().withFixedSeed(seed("proofsVerifyForPresentAndAbsentKeys"))
        .withExamples(50)
        .forAll(longs().all(), integers().between(0, 150))
        .checkAssert(
            (s, count) -> {
              Random random = new Random(s);
              Map<Hash, Hash> entries = randomEntries(random, count);
              MerkleStateTree tree = treeOf(entries);
              Hash root = tree.root();
              for (Map.Entry<Hash, Hash> e : entries.entrySet()) {
                MerkleProof proof = tree.prove(e.getKey());
                assertTrue(MerkleProof.verifyInclusion(root, e.getKey(), e.getValue(), proof));
                assertFalse(MerkleProof.verifyExclusion(root, e.getKey(), proof));
                Hash absent = flipBit(e.getKey(), random.nextInt(256));
                if (!entries.containsKey(absent)) {
                  MerkleProof exclusion = tree.prove(absent);
                  assertTrue(MerkleProof.verifyExclusion(root, absent, exclusion));
                  assertFalse(
                      MerkleProof.verifyInclusion(root, absent, randomHash(random), exclusion));
                }
              }
              Hash absent = randomHash(random);
              assertTrue(MerkleProof.verifyExclusion(root, absent, tree.prove(absent)));
            });
  }

  @Test
  void exclusionProofInEmptyTreeVerifies() {
    MerkleStateTree tree = new MerkleStateTree();
    Hash key = randomHash(new Random(4));
    MerkleProof proof = tree.prove(key);
    assertTrue(proof.siblings().isEmpty());
    assertNull(proof.leafKey());
    assertTrue(MerkleProof.verifyExclusion(Hash.ZERO, key, proof));
  }

  @Test
  void tamperedProofsFail() {
    Random random = new Random(5);
    Map<Hash, Hash> entries = randomEntries(random, 500);
    MerkleStateTree tree = treeOf(entries);
    Hash root = tree.root();
    for (Map.Entry<Hash, Hash> e : entries.entrySet()) {
      Hash key = e.getKey();
      MerkleProof proof = tree.prove(key);
      // wrong value
      assertFalse(MerkleProof.verifyInclusion(root, key, flipBit(e.getValue(), 0), proof));
      // wrong root
      assertFalse(MerkleProof.verifyInclusion(flipBit(root, 7), key, e.getValue(), proof));
      // each sibling flipped
      for (int i = 0; i < proof.siblings().size(); i++) {
        List<Hash> siblings = new ArrayList<>(proof.siblings());
        siblings.set(i, flipBit(siblings.get(i), random.nextInt(256)));
        MerkleProof bad = new MerkleProof(key, siblings, key, e.getValue());
        assertFalse(MerkleProof.verifyInclusion(root, key, e.getValue(), bad));
      }
      // sibling dropped or added
      if (!proof.siblings().isEmpty()) {
        List<Hash> shorter = proof.siblings().subList(1, proof.siblings().size());
        assertFalse(
            MerkleProof.verifyInclusion(
                root, key, e.getValue(), new MerkleProof(key, shorter, key, e.getValue())));
      }
      List<Hash> longer = new ArrayList<>(proof.siblings());
      longer.add(Hash.ZERO);
      assertFalse(
          MerkleProof.verifyInclusion(
              root, key, e.getValue(), new MerkleProof(key, longer, key, e.getValue())));
      // The leaf proves a key on its path absent, but not a key whose path leaves it earlier.
      int depth = proof.siblings().size();
      Hash onPath = flipBit(key, 255);
      if (depth < 256 && !entries.containsKey(onPath)) {
        assertTrue(
            MerkleProof.verifyExclusion(
                root, onPath, new MerkleProof(onPath, proof.siblings(), key, e.getValue())));
      }
      if (depth > 0) {
        Hash offPath = flipBit(key, random.nextInt(depth));
        assertFalse(
            MerkleProof.verifyExclusion(
                root, offPath, new MerkleProof(offPath, proof.siblings(), key, e.getValue())));
      }
      // claiming an empty slot where the leaf is
      assertFalse(
          MerkleProof.verifyExclusion(
              root, key, new MerkleProof(key, proof.siblings(), null, null)));
    }
  }

  @Test
  void proofOfOneKeyDoesNotServeAnother() {
    Random random = new Random(6);
    Map<Hash, Hash> entries = randomEntries(random, 50);
    MerkleStateTree tree = treeOf(entries);
    List<Hash> keys = new ArrayList<>(entries.keySet());
    MerkleProof proof = tree.prove(keys.get(0));
    assertFalse(
        MerkleProof.verifyInclusion(tree.root(), keys.get(1), entries.get(keys.get(1)), proof));
    assertFalse(MerkleProof.verifyExclusion(tree.root(), keys.get(1), proof));
  }

  @Test
  void encodeDecodeRoundTrips() {
    qt().withFixedSeed(seed("encodeDecodeRoundTrips"))
        .withExamples(50)
        .forAll(longs().all(), integers().between(0, 100))
        .checkAssert(
            (s, count) -> {
              Random random = new Random(s);
              MerkleStateTree tree = treeOf(randomEntries(random, count));
              for (Hash key : List.of(randomHash(random), randomHash(random))) {
                MerkleProof proof = tree.prove(key);
                assertEquals(proof, MerkleProof.decode(proof.encode()));
              }
            });
  }

  @Test
  void decodeIsStrict() {
    Random random = new Random(7);
    MerkleStateTree tree = treeOf(randomEntries(random, 20));
    byte[] good = tree.prove(tree.prove(randomHash(random)).key()).encode();
    byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
    assertEquals(CodecException.Reason.TRAILING_BYTES, decodeFailure(trailing));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    assertEquals(CodecException.Reason.TRUNCATED, decodeFailure(truncated));

    byte[] tooMany = new Encoder().hash(Hash.ZERO).varint(257).toByteArray();
    assertEquals(CodecException.Reason.LENGTH_TOO_LARGE, decodeFailure(tooMany));
    byte[] badFlag = new Encoder().hash(Hash.ZERO).varint(0).u8(2).toByteArray();
    assertEquals(CodecException.Reason.INVALID_VALUE, decodeFailure(badFlag));
    byte[] overlong =
        new Encoder().hash(Hash.ZERO).fixed(new byte[] {(byte) 0x80, 0}).u8(0).toByteArray();
    assertEquals(CodecException.Reason.NON_CANONICAL_VARINT, decodeFailure(overlong));
  }

  @Test
  void proofRecordRejectsInconsistentParts() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new MerkleProof(Hash.ZERO, List.of(), Hash.ZERO, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new MerkleProof(Hash.ZERO, Collections.nCopies(257, Hash.ZERO), null, null));
  }

  private static CodecException.Reason decodeFailure(byte[] bytes) {
    return assertThrows(CodecException.class, () -> MerkleProof.decode(bytes)).reason();
  }
}
