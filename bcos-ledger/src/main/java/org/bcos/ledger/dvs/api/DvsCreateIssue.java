package org.bcos.ledger.dvs.api;

import java.util.List;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** DVS: raises an issue with its options (poll) or first initiatives (deliberative); if it passes, {@code payUnits} go from the community treasury to {@code payTo} at close (0 = no action). */
public record DvsCreateIssue(long communityId, int areaId, boolean deliberative, DvsRules rules, List<String> options, Address payTo, long payUnits) implements DvsMessage {
  public static final int TAG = 17;

  public DvsCreateIssue {
    Objects.requireNonNull(rules, "rules");
    options = DvsMessages.options(options);
    Objects.requireNonNull(payTo, "payTo");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.u64(communityId).u32(areaId).bool(deliberative);
    rules.encode(e);
    e.varint(options.size());
    for (String o : options) e.string(o);
    e.address(payTo).u64(payUnits);
  }
}
