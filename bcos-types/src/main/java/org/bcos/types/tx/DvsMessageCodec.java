package org.bcos.types.tx;

import java.util.ArrayList;
import java.util.List;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** Canonical encoding of the DVS messages (after the message tag). Strict and bounded. */
final class DvsMessageCodec {
  private static final int MAX_STRING = Transaction.MAX_ENCODED_BYTES;

  private DvsMessageCodec() {}

  static void encode(Encoder e, Message m) {
    switch (m) {
      case CoinTransfer t -> throw new IllegalArgumentException("not a DVS message");
      case StakeEvidence t -> throw new IllegalArgumentException("not a DVS message");
      case DvsCreateCommunity c -> c.params().encode(e.string(c.name()));
      case DvsAddArea a -> e.u64(a.communityId()).u32(a.parentArea()).string(a.name());
      case DvsSetMember s -> e.u64(s.communityId()).address(s.member()).u64(s.weight());
      case DvsSetRegistrar r -> e.u64(r.communityId()).address(r.registrar()).bool(r.enabled());
      case DvsAttest a ->
          e.u64(a.communityId()).address(a.member()).string(a.attribute()).string(a.value());
      case DvsDelegate d ->
          e.u64(d.communityId()).u8(d.scope().ordinal()).u64(d.scopeId()).address(d.delegate());
      case DvsUndelegate u -> e.u64(u.communityId()).u8(u.scope().ordinal()).u64(u.scopeId());
      case DvsRefuseDelegations r -> e.u64(r.communityId()).bool(r.refuse());
      case DvsCreateIssue i -> issue(e, i);
      case DvsAddInitiative i -> e.u64(i.issueId()).string(i.title());
      case DvsSupport s -> e.u64(s.issueId()).u32(s.initiative()).bool(s.support());
      case DvsCastBallot b -> DvsBallotPart.encodeParts(e.u64(b.issueId()), b.parts());
    }
  }

  private static void issue(Encoder e, DvsCreateIssue i) {
    e.u64(i.communityId()).u32(i.areaId()).bool(i.deliberative());
    i.rules().encode(e);
    e.varint(i.options().size());
    for (String o : i.options()) e.string(o);
    e.address(i.payTo()).u64(i.payUnits());
  }

  static Message decode(int tag, Decoder d) {
    try {
      return decodeChecked(tag, d);
    } catch (IllegalArgumentException e) {
      // a record constructor refused a value the wire allowed: still a malformed encoding
      throw new CodecException(CodecException.Reason.INVALID_VALUE, e.getMessage());
    }
  }

  private static Message decodeChecked(int tag, Decoder d) {
    return switch (tag) {
      case DvsCreateCommunity.TAG ->
          new DvsCreateCommunity(d.string(MAX_STRING), DvsParams.decode(d));
      case DvsAddArea.TAG -> new DvsAddArea(d.u64(), d.u32AsInt(), d.string(MAX_STRING));
      case DvsSetMember.TAG -> new DvsSetMember(d.u64(), d.address(), d.u64());
      case DvsSetRegistrar.TAG -> new DvsSetRegistrar(d.u64(), d.address(), d.bool());
      case DvsAttest.TAG ->
          new DvsAttest(d.u64(), d.address(), d.string(MAX_STRING), d.string(MAX_STRING));
      case DvsDelegate.TAG -> new DvsDelegate(d.u64(), scope(d), d.u64(), d.address());
      case DvsUndelegate.TAG -> new DvsUndelegate(d.u64(), scope(d), d.u64());
      case DvsRefuseDelegations.TAG -> new DvsRefuseDelegations(d.u64(), d.bool());
      case DvsCreateIssue.TAG -> issue(d);
      case DvsAddInitiative.TAG -> new DvsAddInitiative(d.u64(), d.string(MAX_STRING));
      case DvsSupport.TAG -> new DvsSupport(d.u64(), d.u32AsInt(), d.bool());
      case DvsCastBallot.TAG -> new DvsCastBallot(d.u64(), DvsBallotPart.decodeParts(d));
      default -> throw new CodecException(CodecException.Reason.INVALID_VALUE,
          "unknown message tag " + tag);
    };
  }

  private static DvsMessages.Scope scope(Decoder d) {
    int s = d.u8();
    if (s >= DvsMessages.Scope.values().length) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "unknown scope " + s);
    }
    return DvsMessages.Scope.values()[s];
  }

  private static DvsCreateIssue issue(Decoder d) {
    long community = d.u64();
    int area = d.u32AsInt();
    boolean deliberative = d.bool();
    DvsRules rules = DvsRules.decode(d);
    int n = (int) d.varint(DvsMessages.MAX_OPTIONS);
    List<String> options = new ArrayList<>(Math.min(n, d.remaining()));
    for (int i = 0; i < n; i++) options.add(d.string(MAX_STRING));
    return new DvsCreateIssue(community, area, deliberative, rules, options, d.address(),
        d.u64());
  }
}
