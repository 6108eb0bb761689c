package org.bcos.ledger.gov.api;

import java.util.Objects;
import org.bcos.types.Address;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A governance proposal as stored.
 *
 * @param issueId the DVS issue (chain community) voting on it, 0 before voting opens
 * @param votingEnd the last block of its vote, 0 before voting opens
 * @param outcome the DVS outcome of its vote ({@code PASSED}, {@code QUORUM_NOT_MET}, ...), empty
 *     until it closes
 * @param result what the close did: {@code EXECUTED}, or the named reason its execution failed
 *     with a detail; empty until it closes
 * @param closedAt the height it reached a final status, 0 until then
 */
public record Proposal(long id, Address proposer, String title, String description,
    ProposalContent content, ProposalStatus status, long submitHeight, long depositEnd,
    long totalDeposit, long issueId, long votingEnd, String outcome, String result,
    long closedAt) {
  public Proposal {
    Objects.requireNonNull(proposer, "proposer");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(result, "result");
  }

  public Proposal withDeposit(long total) {
    return new Proposal(id, proposer, title, description, content, status, submitHeight,
        depositEnd, total, issueId, votingEnd, outcome, result, closedAt);
  }

  public Proposal voting(long issue, long end) {
    return new Proposal(id, proposer, title, description, content,
        ProposalStatus.VOTING_PERIOD, submitHeight, depositEnd, totalDeposit, issue, end, outcome,
        result, closedAt);
  }

  public Proposal closed(ProposalStatus finalStatus, String dvsOutcome, String what,
      long height) {
    return new Proposal(id, proposer, title, description, content, finalStatus, submitHeight,
        depositEnd, totalDeposit, issueId, votingEnd, dvsOutcome, what, height);
  }

  public byte[] encode() {
    Encoder e = new Encoder(256).u64(id).address(proposer).string(title).string(description);
    content.encode(e);
    return e.u8(status.ordinal()).u64(submitHeight).u64(depositEnd).u64(totalDeposit)
        .u64(issueId).u64(votingEnd).string(outcome).string(result).u64(closedAt)
        .toByteArray();
  }

  public static Proposal decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    long id = d.u64();
    Address proposer = d.address();
    String title = d.string(GovSubmitProposal.MAX_TITLE_BYTES);
    String description = d.string(GovSubmitProposal.MAX_DESCRIPTION_BYTES);
    ProposalContent content = ProposalContent.decode(d);
    int status = d.u8();
    if (status >= ProposalStatus.values().length) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, "status " + status);
    }
    Proposal p = new Proposal(id, proposer, title, description, content,
        ProposalStatus.values()[status], d.u64(), d.u64(), d.u64(), d.u64(), d.u64(),
        d.string(64), d.string(1_024), d.u64());
    d.finish();
    return p;
  }
}
