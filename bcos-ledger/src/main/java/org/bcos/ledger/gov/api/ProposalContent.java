package org.bcos.ledger.gov.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * What a proposal does when it passes: one of the proposal kinds (docs/GOVERNANCE.md "Proposals
 * and votes"). Encoded as {@code u8 kind | fields}.
 */
public sealed interface ProposalContent {
  /** Most parameters one proposal may change. */
  int MAX_CHANGES = 16;

  /** The kind's name, as JSON and the CLI show it. */
  String kind();

  void encode(Encoder e);

  /** One parameter and the value it is to take. */
  record ParamValue(String name, long value) {
    public ParamValue {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Parameter change: every listed parameter takes its value from the block after the pass. */
  record ParamChange(List<ParamValue> changes) implements ProposalContent {
    public ParamChange {
      changes = List.copyOf(changes);
    }

    @Override
    public String kind() {
      return "param";
    }

    @Override
    public void encode(Encoder e) {
      e.u8(1).u32(changes.size());
      for (ParamValue c : changes) e.string(c.name()).u64(c.value());
    }
  }

  /**
   * Software upgrade: on pass, schedules protocol {@code version} (release artifact SHA-256
   * {@code release}) under {@code name} to activate at {@code height}.
   */
  record SoftwareUpgrade(String name, int version, Hash release, long height)
      implements ProposalContent {
    public SoftwareUpgrade {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(release, "release");
    }

    @Override
    public String kind() {
      return "upgrade";
    }

    @Override
    public void encode(Encoder e) {
      e.u8(2).string(name).u32(version & 0xffffffffL).hash(release).u64(height);
    }
  }

  /** Cancels the scheduled upgrade named {@code name} on pass. */
  record CancelUpgrade(String name) implements ProposalContent {
    public CancelUpgrade {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String kind() {
      return "cancel-upgrade";
    }

    @Override
    public void encode(Encoder e) {
      e.u8(3).string(name);
    }
  }

  /** Community-pool spend: pays {@code units} from the community pool to {@code recipient}. */
  record CommunitySpend(Address recipient, long units) implements ProposalContent {
    public CommunitySpend {
      Objects.requireNonNull(recipient, "recipient");
    }

    @Override
    public String kind() {
      return "spend";
    }

    @Override
    public void encode(Encoder e) {
      e.u8(4).address(recipient).u64(units);
    }
  }

  /** A text proposal: a recorded decision that executes nothing. */
  record Text() implements ProposalContent {
    @Override
    public String kind() {
      return "text";
    }

    @Override
    public void encode(Encoder e) {
      e.u8(5);
    }
  }

  /** Strictly decodes a content written by {@link #encode}. */
  static ProposalContent decode(Decoder d) {
    int kind = d.u8();
    return switch (kind) {
      case 1 -> {
        long n = d.u32();
        if (n > MAX_CHANGES) {
          throw new CodecException(CodecException.Reason.INVALID_VALUE, "more than "
              + MAX_CHANGES + " parameter changes");
        }
        List<ParamValue> changes = new ArrayList<>();
        for (long i = 0; i < n; i++) changes.add(new ParamValue(d.string(64), d.u64()));
        yield new ParamChange(changes);
      }
      case 2 -> new SoftwareUpgrade(d.string(80), d.u32AsInt(), d.hash(), d.u64());
      case 3 -> new CancelUpgrade(d.string(80));
      case 4 -> new CommunitySpend(d.address(), d.u64());
      case 5 -> new Text();
      default -> throw new CodecException(CodecException.Reason.INVALID_VALUE,
          "unknown proposal kind " + kind);
    };
  }
}
