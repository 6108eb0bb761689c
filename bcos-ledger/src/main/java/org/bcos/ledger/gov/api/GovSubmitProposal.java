package org.bcos.ledger.gov.api;

import java.util.Objects;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Gov: submits a proposal with {@code deposit} units of the sender's balance as its first
 * deposit (at least {@code govMinInitialDepositBasisPoints} of {@code govMinDepositUnits}).
 */
public record GovSubmitProposal(String title, String description, ProposalContent content,
    long deposit) implements GovMessage {
  public static final int TAG = 60;
  /** Longest title, in UTF-8 bytes. */
  public static final int MAX_TITLE_BYTES = 140;
  /**
   * Longest description, in UTF-8 bytes: a summary and a link to the full text, since a whole
   * transaction is at most 2,048 bytes.
   */
  public static final int MAX_DESCRIPTION_BYTES = 1_024;

  public GovSubmitProposal {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(content, "content");
  }

  @Override
  public int tag() {
    return TAG;
  }

  @Override
  public void encodeFields(Encoder e) {
    e.string(title).string(description);
    content.encode(e);
    e.u64(deposit);
  }

  /** Reads the fields (after the tag). */
  public static GovSubmitProposal decode(Decoder d) {
    return new GovSubmitProposal(d.string(MAX_TITLE_BYTES), d.string(MAX_DESCRIPTION_BYTES),
        ProposalContent.decode(d), d.u64());
  }
}
