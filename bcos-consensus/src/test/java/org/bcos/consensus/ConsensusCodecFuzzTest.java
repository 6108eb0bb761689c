package org.bcos.consensus;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.FuzzContract;

/**
 * Fuzz targets for what peers send to consensus: votes, proposals, evidence and the commit
 * certificate that travels with every synced block. Each decode is canonical: a value it accepts
 * encodes back to the same bytes.
 */
class ConsensusCodecFuzzTest {
  private static final List<Class<? extends Exception>> REFUSALS = List.of(CodecException.class);
  private static final int MAX_SIGNATURES = 256;
  private static final int MAX_VALUE_BYTES = 64 * 1024;

  @FuzzTest(maxDuration = "10s")
  void commitCertificate(byte[] input) throws Exception {
    CommitCertificate c = FuzzContract.decode(input.length, REFUSALS,
        () -> CommitCertificate.decode(input, MAX_SIGNATURES));
    if (c != null) FuzzContract.assertRoundTrip(input, c.encode());
  }

  @FuzzTest(maxDuration = "10s")
  void vote(byte[] input) throws Exception {
    Vote v = FuzzContract.decode(input.length, REFUSALS, () -> Vote.decode(input));
    if (v != null) FuzzContract.assertRoundTrip(input, v.encode());
  }

  @FuzzTest(maxDuration = "10s")
  void proposal(byte[] input) throws Exception {
    Proposal p = FuzzContract.decode(input.length, REFUSALS,
        () -> Proposal.decode(input, MAX_VALUE_BYTES));
    if (p != null) FuzzContract.assertRoundTrip(input, p.encode());
  }

  @FuzzTest(maxDuration = "10s")
  void evidence(byte[] input) throws Exception {
    Evidence e = FuzzContract.decode(input.length, REFUSALS,
        () -> Evidence.decode(input, MAX_VALUE_BYTES));
    if (e != null) FuzzContract.assertRoundTrip(input, e.encode());
  }
}
