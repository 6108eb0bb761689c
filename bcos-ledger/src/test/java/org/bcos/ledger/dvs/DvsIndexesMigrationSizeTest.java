package org.bcos.ledger.dvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.bcos.ledger.dvs.api.DvsMessages.Method;
import org.bcos.ledger.dvs.api.DvsMessages.Scope;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.Phase;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.WriteBatch;
import org.bcos.storage.merkle.MerkleStateTree;
import org.bcos.types.Address;
import org.junit.jupiter.api.Test;

/**
 * The version-6 migration at the size docs/GOVERNANCE.md states its cost for: 100,000
 * delegations and 10,000 issues over 100 communities are all indexed, in one block's working
 * state, and the state tree takes every entry. Prints the time it took (a figure, not a check:
 * speed targets live in benchmarks).
 */
class DvsIndexesMigrationSizeTest {
  static final int DELEGATIONS = 100_000;
  static final int ISSUES = 10_000;
  static final int COMMUNITIES = 100;

  private static Address address(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) (i >>> 24);
    b[1] = (byte) (i >>> 16);
    b[2] = (byte) (i >>> 8);
    b[3] = (byte) i;
    b[31] = 1;
    return Address.wrap(b);
  }

  @Test
  void migrationIndexesAHundredThousandDelegationsAndTenThousandIssues() {
    InMemoryStore store = new InMemoryStore();
    WorkingState setup = new WorkingState(store);
    DvsStore dvs = new DvsStore(setup);
    for (int i = 0; i < DELEGATIONS; i++) {
      dvs.putDelegation(1 + i % COMMUNITIES, address(i), Scope.COMMUNITY, 0,
          address(DELEGATIONS + i % 1_000));
    }
    for (int i = 1; i <= ISSUES; i++) {
      dvs.put(new Issue(i, 1 + i % COMMUNITIES, 0, false, DvsRules.of(Method.SINGLE_CHOICE),
          List.of("a", "b"), new boolean[] {true, true}, Phase.VOTING, 100, 1, 1, address(0),
          address(0), 0));
    }
    WriteBatch batch = new WriteBatch();
    MerkleStateTree tree = new MerkleStateTree();
    setup.writeTo(batch, tree);
    store.commit(batch);

    WorkingState block = new WorkingState(store);
    long started = System.nanoTime();
    long indexed = DvsIndexes.build(block, 1_000);
    long built = System.nanoTime();
    block.writeTo(new WriteBatch(), tree);
    var root = tree.root();
    long hashed = System.nanoTime();
    assertEquals(DELEGATIONS + ISSUES, indexed);
    assertEquals(1 + DELEGATIONS + ISSUES + COMMUNITIES, block.changeCount());
    DvsStore after = new DvsStore(block);
    assertEquals(ISSUES / COMMUNITIES, after.issueCount(7));
    assertEquals(6L, after.issueOf(7, 1), "issue i belongs to community 1 + i % 100");
    assertNotEquals(null, root);
    System.out.printf("DvsIndexes migration: %d delegations + %d issues indexed in %d ms,"
        + " state tree updated in %d ms%n", DELEGATIONS, ISSUES, (built - started) / 1_000_000,
        (hashed - built) / 1_000_000);
  }
}
