package org.bcos.ledger.dvs;

import java.util.List;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/**
 * Storage schema v1 of the DVS module. All columns are state (committed to by the state root).
 * Keys are big-endian so prefix scans group by community or issue.
 */
public final class DvsSchema {
  /** community id → {@link org.bcos.ledger.dvs.api.Community}. */
  public static final Column COMMUNITIES = new Column(10, "dvs_communities");
  /** community id | area id → parent area id | name. */
  public static final Column AREAS = new Column(11, "dvs_areas");
  /** community id | member → {@link org.bcos.ledger.dvs.api.Member}. */
  public static final Column MEMBERS = new Column(12, "dvs_members");
  /** community id | delegator | scope | scope id → delegate. */
  public static final Column DELEGATIONS = new Column(13, "dvs_delegations");
  /** issue id → {@link org.bcos.ledger.dvs.api.Issue}. */
  public static final Column ISSUES = new Column(14, "dvs_issues");
  /** issue id | initiative | supporter → empty. */
  public static final Column SUPPORT = new Column(15, "dvs_support");
  /** issue id | voter → ballot (encoded parts). */
  public static final Column BALLOTS = new Column(16, "dvs_ballots");
  /** issue id | member → snapshot weight | region, fixed when voting opens. */
  public static final Column SNAPSHOTS = new Column(17, "dvs_snapshots");
  /** issue id → {@link IssueResultCodec result}. */
  public static final Column RESULTS = new Column(18, "dvs_results");
  /** counters: "community", "issue". */
  public static final Column COUNTERS = new Column(19, "dvs_counters");
  /** height | issue id → empty: the issue's phase ends at the end of that block. */
  public static final Column SCHEDULE = new Column(20, "dvs_schedule");

  /** issue id | delegator | scope | scope id → delegate: the delegations counted at close. */
  public static final Column FROZEN_DELEGATIONS = new Column(21, "dvs_frozen_delegations");

  /** community id | registrar → empty: the registrars besides the founder. */
  public static final Column REGISTRARS = new Column(22, "dvs_registrars");

  /**
   * issue id | bonder → validator operator: the default delegation of a stake electorate, fixed
   * with the weights when the issue opened (the weakest scope: any delegation the bonder gave in
   * the community, and its own ballot, override it).
   */
  public static final Column DEFAULT_DELEGATIONS = new Column(23, "dvs_default_delegations");

  /**
   * The protocol version ("dvs-indexes") from which the two index columns below are written; at
   * its first block an upgrading chain builds them from existing state ({@link DvsIndexes}).
   */
  public static final int INDEXES_VERSION = 6;

  /**
   * community id | delegate | delegator | scope | scope id → empty: the delegations of {@link
   * #DELEGATIONS} by the account they are given to (from version 6).
   */
  public static final Column DELEGATIONS_BY_DELEGATE = new Column(24,
      "dvs_delegations_by_delegate");

  /**
   * community id | u64 n → issue id (n = 1, 2, … in creation order, dense), and community id |
   * u64 0 → the community's issue count: a community's issues in both orders by point reads
   * (from version 6).
   */
  public static final Column ISSUES_BY_COMMUNITY = new Column(25, "dvs_issues_by_community");

  public static final List<Column> ALL = List.of(COMMUNITIES, AREAS, MEMBERS, DELEGATIONS, ISSUES,
      SUPPORT, BALLOTS, SNAPSHOTS, RESULTS, COUNTERS, SCHEDULE, FROZEN_DELEGATIONS, REGISTRARS,
      DEFAULT_DELEGATIONS, DELEGATIONS_BY_DELEGATE, ISSUES_BY_COMMUNITY);

  private DvsSchema() {}

  /** The key prefix of one community's or issue's entries (its big-endian u64 id). */
  public static byte[] id(long id) {
    return new Encoder(8).u64(id).toByteArray();
  }

  /** The key prefix of one member's entries in a community (id | address). */
  public static byte[] idAddress(long id, Address a) {
    return new Encoder(40).u64(id).address(a).toByteArray();
  }

  /** The key of a community's n-th issue in {@link #ISSUES_BY_COMMUNITY} (n = 0: the count). */
  public static byte[] idLong(long id, long n) {
    return new Encoder(16).u64(id).u64(n).toByteArray();
  }

  static byte[] idInt(long id, int n) {
    return new Encoder(12).u64(id).u32(n & 0xffffffffL).toByteArray();
  }
}
