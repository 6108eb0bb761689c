package org.bcos.ledger.dvs.api;

import java.util.List;
import java.util.Objects;

/**
 * Limits shared by the DVS messages (records below, all in this package because {@link Message}
 * is sealed). Names and texts are UTF-8 byte limits.
 */
public final class DvsMessages {
  public static final int MAX_NAME_BYTES = 64;
  public static final int MAX_TEXT_BYTES = 256;
  public static final int MAX_OPTIONS = 64;
  public static final int MAX_BALLOT_PARTS = 16;
  public static final int MAX_ATTRIBUTE_BYTES = 64;

  private DvsMessages() {}

  static List<String> options(List<String> options) {
    Objects.requireNonNull(options, "options");
    return List.copyOf(options);
  }

  /** The scope of a delegation: the most specific one wins. */
  public enum Scope {
    COMMUNITY,
    AREA,
    ISSUE
  }

  /** How an issue's ballots are counted. */
  public enum Method {
    YES_NO,
    SINGLE_CHOICE,
    APPROVAL,
    SCHULZE,
    IRV,
    SCORE,
    QUADRATIC
  }
}
