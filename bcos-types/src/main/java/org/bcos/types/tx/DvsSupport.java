package org.bcos.types.tx;

/** DVS: the sender supports (or stops supporting) an initiative of a deliberative issue. */
public record DvsSupport(long issueId, int initiative, boolean support) implements Message {
  public static final int TAG = 19;

  @Override
  public int tag() {
    return TAG;
  }
}
