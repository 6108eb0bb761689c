package org.bcos.ledger.dvs.api;

import java.util.Objects;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * How an issue is decided: the ballot method and its numbers. Shares are basis points.
 *
 * @param quorumBps turnout (counted weight / electorate weight) needed for a valid result
 * @param thresholdBps YES_NO: yes share of (yes + no) needed to pass (5,000 = simple majority,
 *     the yes share must be strictly greater)
 * @param vetoBps YES_NO: the issue is vetoed when the no-with-veto share of all counted weight is
 *     strictly above this (as Cosmos gov; 0 = no veto)
 * @param maxScore SCORE: highest score per option
 * @param voiceCredits QUADRATIC: credits per ballot (cost of v votes on an option is v²)
 */
public record DvsRules(
    DvsMessages.Method method, int quorumBps, int thresholdBps, int vetoBps, int maxScore,
    long voiceCredits) {
  public DvsRules {
    Objects.requireNonNull(method, "method");
    if (quorumBps < 0 || quorumBps > 10_000 || thresholdBps < 0 || thresholdBps > 10_000
        || vetoBps < 0 || vetoBps > 10_000) {
      throw new IllegalArgumentException("quorum, threshold and veto are 0..10000 basis points");
    }
    if (maxScore < 0 || maxScore > 1_000 || voiceCredits < 0 || voiceCredits > 1_000_000) {
      throw new IllegalArgumentException("maxScore 0..1000, voiceCredits 0..1000000");
    }
  }

  public static DvsRules of(DvsMessages.Method method) {
    return new DvsRules(method, 0, 5_000, 0, 10, 100);
  }

  public void encode(Encoder e) {
    e.u8(method.ordinal()).u32(quorumBps).u32(thresholdBps).u32(vetoBps).u32(maxScore)
        .u64(voiceCredits);
  }

  public static DvsRules decode(Decoder d) {
    int method = d.u8();
    if (method >= DvsMessages.Method.values().length) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "unknown method " + method);
    }
    try {
      return new DvsRules(DvsMessages.Method.values()[method], d.u32AsInt(), d.u32AsInt(),
          d.u32AsInt(), d.u32AsInt(), d.u64());
    } catch (IllegalArgumentException e) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, e.getMessage());
    }
  }
}
