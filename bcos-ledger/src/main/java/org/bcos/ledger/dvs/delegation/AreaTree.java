package org.bcos.ledger.dvs.delegation;

/**
 * A community's areas as a forest of dense ids {@code 0..areaCount-1}: {@code parentOf[area]} is
 * the parent area or {@code -1} for a root. Checked to be free of cycles.
 */
public final class AreaTree {
  private final int[] parentOf;

  private AreaTree(int[] parentOf) {
    this.parentOf = parentOf;
    checkAcyclic();
  }

  /** Parent of each area ({@code -1} = root), copied. */
  public static AreaTree of(int[] parentOf) {
    return new AreaTree(parentOf.clone());
  }

  public int areaCount() {
    return parentOf.length;
  }

  /** The parent area, or {@code -1} for a root. */
  public int parentOf(int area) {
    return parentOf[area];
  }

  /** The area itself, then its parent, ... up to its root: most specific first. */
  public int[] pathToRoot(int area) {
    if (area < 0 || area >= parentOf.length) {
      throw new IllegalArgumentException("no such area: " + area);
    }
    int depth = 0;
    for (int a = area; a >= 0; a = parentOf[a]) depth++;
    int[] path = new int[depth];
    int i = 0;
    for (int a = area; a >= 0; a = parentOf[a]) path[i++] = a;
    return path;
  }

  private void checkAcyclic() {
    int n = parentOf.length;
    for (int area = 0; area < n; area++) {
      if (parentOf[area] < -1 || parentOf[area] >= n) {
        throw new IllegalArgumentException("parent of area " + area + " out of range: "
            + parentOf[area]);
      }
    }
    // 0 = unseen, 1 = on the current walk, 2 = reaches a root
    byte[] state = new byte[n];
    for (int start = 0; start < n; start++) {
      int a = start;
      while (a >= 0 && state[a] == 0) {
        state[a] = 1;
        a = parentOf[a];
      }
      if (a >= 0 && state[a] == 1) {
        throw new IllegalArgumentException("areas form a cycle through area " + a);
      }
      for (int b = start; b >= 0 && state[b] == 1; b = parentOf[b]) state[b] = 2;
    }
  }
}
