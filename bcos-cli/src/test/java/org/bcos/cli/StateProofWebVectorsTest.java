package org.bcos.cli;

import static org.bcos.cli.WebVectorFiles.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.ledger.coin.api.Account;
import org.bcos.ledger.state.StateKey;
import org.bcos.storage.Column;
import org.bcos.storage.merkle.MerkleProof;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.junit.jupiter.api.Test;

/**
 * The cross-language vectors of the explorer's in-browser account proofs (bcos-web's
 * lib/stateproof.js): a state tree of accounts (and entries of other columns) built with the
 * node's own {@link MerkleStateTree}, and for each case what bcos_getAccount [address, true] would
 * answer (proof, accountEncoding, stateRoot) with Java's verdict ({@link StateProofs#verify}):
 * inclusion, exclusion ending at an empty subtree and at another leaf, and tampered answers that
 * must fail. With {@code -Dbcos.web.vectors=write} the file is (re)written; otherwise it must
 * equal, byte for byte, what Java computes now.
 */
class StateProofWebVectorsTest {
  private static final Path FILE = Path.of("..", "bcos-web", "src", "test", "js", "vectors",
      "explorer-proofs.json");
  private static final String REGENERATE = WebVectorFiles.regenerate("StateProofWebVectorsTest");
  /** Accounts in the tree; enough for paths several levels deep. */
  private static final int ACCOUNTS = 40;
  /** Addresses tried to find an absent one of each exclusion kind (bounded). */
  private static final int ABSENT_TRIES = 10_000;
  private static final Column OTHER_COLUMN = new Column(50, "notary_anchors");

  @Test
  void accountProofVectors() throws IOException {
    MerkleStateTree tree = new MerkleStateTree();
    List<Address> present = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      Address a = address(i);
      present.add(a);
      Account acct = new Account(i == 0 ? Long.MAX_VALUE : 1_000L * i * i, i);
      tree.put(StateKey.treeKey(Account.STATE_COLUMN, a.toBytes()), Digests.sha256(acct.encode()));
      // an entry of another column under the same key bytes: its tree key differs
      tree.put(StateKey.treeKey(OTHER_COLUMN, a.toBytes()), Digests.sha256(new byte[] {(byte) i}));
    }
    Hash root = tree.root();
    List<Object> cases = new ArrayList<>();
    for (int i : new int[] {0, 1, 7, 39}) {
      Address a = present.get(i);
      cases.add(entry("inclusion " + i, a, proof(tree, a), encoding(i), root, true, null));
    }
    Address emptyEnd = null;
    Address leafEnd = null;
    for (int i = ACCOUNTS; i < ACCOUNTS + ABSENT_TRIES && (emptyEnd == null || leafEnd == null); i++) {
      Address a = address(i);
      MerkleProof p = tree.prove(StateKey.treeKey(Account.STATE_COLUMN, a.toBytes()));
      if (p.leafKey() == null && emptyEnd == null) emptyEnd = a;
      if (p.leafKey() != null && leafEnd == null) leafEnd = a;
    }
    assertTrue(emptyEnd != null && leafEnd != null, "absent addresses of both exclusion kinds");
    cases.add(entry("exclusion at an empty subtree", emptyEnd, proof(tree, emptyEnd), null, root,
        true, null));
    cases.add(entry("exclusion at another leaf", leafEnd, proof(tree, leafEnd), null, root, true,
        null));

    Address a = present.get(7);
    byte[] good = proof(tree, a);
    byte[] richer = new Account(1_000L * 49 + 1, 7).encode();
    cases.add(entry("tampered balance", a, good, richer, root, false, "ROOT_MISMATCH"));
    byte[] flipped = good.clone();
    flipped[Hash.LENGTH + 1 + 5] ^= 0x01; // a byte of the first sibling
    cases.add(entry("tampered sibling", a, flipped, encoding(7), root, false, "ROOT_MISMATCH"));
    Hash otherRoot = Digests.sha256(root.toBytes());
    cases.add(entry("another state root", a, good, encoding(7), otherRoot, false,
        "ROOT_MISMATCH"));
    cases.add(entry("proof of another account", a, proof(tree, present.get(8)), encoding(7), root,
        false, "WRONG_KEY"));
    cases.add(entry("absence claimed for a present account", a, good, null, root, false,
        "ROOT_MISMATCH"));
    cases.add(entry("presence claimed for an absent account", leafEnd, proof(tree, leafEnd),
        encoding(7), root, false, "ROOT_MISMATCH"));
    cases.add(entry("truncated proof", a, Arrays.copyOf(good, good.length - 1), encoding(7), root,
        false, "MALFORMED"));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    cases.add(entry("trailing byte", a, trailing, encoding(7), root, false, "MALFORMED"));
    byte[] dropped = dropFirstSibling(good);
    cases.add(entry("a sibling left out", a, dropped, encoding(7), root, false, "ROOT_MISMATCH"));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generatedBy", "bcos-cli StateProofWebVectorsTest; regenerate: " + REGENERATE);
    out.put("stateDomain", "BCOS/state/v1");
    out.put("accountColumn", Account.STATE_COLUMN.id());
    out.put("cases", cases);
    WebVectorFiles.check(FILE, json(out), REGENERATE);
  }

  /** A deterministic account address: SHA-256 of "account" and i (any 32 bytes are a key). */
  private static Address address(int i) {
    return Address.wrap(Digests.sha256(("account " + i).getBytes(StandardCharsets.US_ASCII))
        .toBytes());
  }

  private static byte[] encoding(int i) {
    return new Account(i == 0 ? Long.MAX_VALUE : 1_000L * i * i, i).encode();
  }

  private static byte[] proof(MerkleStateTree tree, Address a) {
    return tree.prove(StateKey.treeKey(Account.STATE_COLUMN, a.toBytes())).encode();
  }

  private static byte[] dropFirstSibling(byte[] proofBytes) {
    MerkleProof p = MerkleProof.decode(proofBytes);
    return new MerkleProof(p.key(), p.siblings().subList(1, p.siblings().size()), p.leafKey(),
        p.leafValueHash()).encode();
  }

  /** One case; `ok` must be Java's own verdict (checked here), `reason` what the JS names. */
  private static Map<String, Object> entry(String name, Address a, byte[] proof, byte[] encoding,
      Hash root, boolean ok, String reason) {
    boolean javaSays = StateProofs.verify(root, Account.STATE_COLUMN, a.toBytes(),
        Optional.ofNullable(encoding), proof);
    assertEquals(ok, javaSays, name + ": Java's verdict");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("address", a.toString());
    m.put("stateRoot", root.toHex());
    m.put("proof", Hex.encode(proof));
    if (encoding != null) m.put("accountEncoding", Hex.encode(encoding));
    m.put("ok", ok);
    if (reason != null) m.put("reason", reason);
    if (ok && encoding != null) {
      Account acct = Account.decode(encoding);
      m.put("balanceUnits", Long.toString(acct.balanceUnits()));
      m.put("nonce", Long.toString(acct.nonce()));
    }
    return m;
  }
}
