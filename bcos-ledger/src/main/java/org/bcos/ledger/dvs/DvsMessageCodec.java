package org.bcos.ledger.dvs;

import java.util.ArrayList;
import java.util.List;
import org.bcos.ledger.dvs.api.DvsAddArea;
import org.bcos.ledger.dvs.api.DvsAddInitiative;
import org.bcos.ledger.dvs.api.DvsAttest;
import org.bcos.ledger.dvs.api.DvsBallotPart;
import org.bcos.ledger.dvs.api.DvsCastBallot;
import org.bcos.ledger.dvs.api.DvsCreateCommunity;
import org.bcos.ledger.dvs.api.DvsCreateIssue;
import org.bcos.ledger.dvs.api.DvsDelegate;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.dvs.api.DvsParams;
import org.bcos.ledger.dvs.api.DvsRefuseDelegations;
import org.bcos.ledger.dvs.api.DvsRules;
import org.bcos.ledger.dvs.api.DvsSetMember;
import org.bcos.ledger.dvs.api.DvsSetRegistrar;
import org.bcos.ledger.dvs.api.DvsSupport;
import org.bcos.ledger.dvs.api.DvsUndelegate;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.tx.Transaction;

/**
 * Strict decoders of the DVS messages' fields (after the tag; each record writes its own fields).
 * Strings are bounded only by the transaction size here: their own limits are ledger rules with
 * named reasons (INVALID_DVS_INPUT).
 */
final class DvsMessageCodec {
  private static final int MAX_STRING = Transaction.MAX_ENCODED_BYTES;

  private DvsMessageCodec() {}

  static DvsCreateCommunity createCommunity(Decoder d) {
    return new DvsCreateCommunity(d.string(MAX_STRING), DvsParams.decode(d));
  }

  static DvsAddArea addArea(Decoder d) {
    return new DvsAddArea(d.u64(), d.u32AsInt(), d.string(MAX_STRING));
  }

  static DvsSetMember setMember(Decoder d) {
    return new DvsSetMember(d.u64(), d.address(), d.u64());
  }

  static DvsSetRegistrar setRegistrar(Decoder d) {
    return new DvsSetRegistrar(d.u64(), d.address(), d.bool());
  }

  static DvsAttest attest(Decoder d) {
    return new DvsAttest(d.u64(), d.address(), d.string(MAX_STRING), d.string(MAX_STRING));
  }

  static DvsDelegate delegate(Decoder d) {
    return new DvsDelegate(d.u64(), scope(d), d.u64(), d.address());
  }

  static DvsUndelegate undelegate(Decoder d) {
    return new DvsUndelegate(d.u64(), scope(d), d.u64());
  }

  static DvsRefuseDelegations refuseDelegations(Decoder d) {
    return new DvsRefuseDelegations(d.u64(), d.bool());
  }

  static DvsAddInitiative addInitiative(Decoder d) {
    return new DvsAddInitiative(d.u64(), d.string(MAX_STRING));
  }

  static DvsSupport support(Decoder d) {
    return new DvsSupport(d.u64(), d.u32AsInt(), d.bool());
  }

  static DvsCastBallot castBallot(Decoder d) {
    return new DvsCastBallot(d.u64(), DvsBallotPart.decodeParts(d));
  }

  private static DvsMessages.Scope scope(Decoder d) {
    int s = d.u8();
    if (s >= DvsMessages.Scope.values().length) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "unknown scope " + s);
    }
    return DvsMessages.Scope.values()[s];
  }

  static DvsCreateIssue createIssue(Decoder d) {
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
