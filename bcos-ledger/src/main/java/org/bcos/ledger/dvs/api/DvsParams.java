package org.bcos.ledger.dvs.api;

import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A DVS community's parameters (docs/DVS.md lists each with its default). Phase lengths are in
 * blocks; shares are in basis points (1/100 of a percent, 10,000 = 100 %).
 *
 * @param electorate 0 = members (1 member = 1 vote), 1 = weighted (registered weights, split votes
 *     allowed), 2 = open (any account; results marked unverified identity), 3 = stake (the chain's
 *     own community, {@link DvsGovernanceApi#CHAIN_COMMUNITY}: each issue's weights are the bonded
 *     stake the gov module hands over when it opens the issue; no roll, anyone may delegate)
 * @param admissionBlocks deliberative issues: blocks to gather issue supporters
 * @param discussionBlocks deliberative issues: blocks of discussion (initiatives may change)
 * @param verificationBlocks deliberative issues: initiatives frozen, supporters still counted
 * @param votingBlocks blocks the vote stays open (both modes)
 * @param issueQuorumBps supporters an issue needs to leave admission, as a share of the electorate
 * @param initiativeQuorumBps supporters an initiative needs to reach the ballot
 * @param maxChainLength longest delegation chain (hops) whose weight still counts
 * @param minCellSize regions with fewer voters are merged in the regional breakdown
 * @param powDifficultyBits leading zero bits a fee-free ballot, support or delegation must show
 * @param delegationInSupport whether delegated weight counts in admission support
 */
public record DvsParams(
    int electorate,
    long admissionBlocks,
    long discussionBlocks,
    long verificationBlocks,
    long votingBlocks,
    int issueQuorumBps,
    int initiativeQuorumBps,
    int maxChainLength,
    int minCellSize,
    int powDifficultyBits,
    boolean delegationInSupport) {
  public static final int MEMBERS = 0;
  public static final int WEIGHTED = 1;
  public static final int OPEN = 2;
  public static final int STAKE = 3;
  public static final long MAX_PHASE_BLOCKS = 10_000_000;

  public DvsParams {
    require(electorate >= 0 && electorate <= STAKE,
        "electorate must be members, weighted, open or stake");
    require(admissionBlocks >= 1 && admissionBlocks <= MAX_PHASE_BLOCKS, "admissionBlocks");
    require(discussionBlocks >= 0 && discussionBlocks <= MAX_PHASE_BLOCKS, "discussionBlocks");
    require(verificationBlocks >= 0 && verificationBlocks <= MAX_PHASE_BLOCKS,
        "verificationBlocks");
    require(votingBlocks >= 1 && votingBlocks <= MAX_PHASE_BLOCKS, "votingBlocks");
    require(issueQuorumBps >= 0 && issueQuorumBps <= 10_000, "issueQuorumBps");
    require(initiativeQuorumBps >= 0 && initiativeQuorumBps <= 10_000, "initiativeQuorumBps");
    require(maxChainLength >= 0 && maxChainLength <= 64, "maxChainLength (0..64)");
    require(minCellSize >= 1 && minCellSize <= 1_000_000, "minCellSize");
    require(powDifficultyBits >= 0 && powDifficultyBits <= 40, "powDifficultyBits (0..40)");
  }

  private static void require(boolean ok, String what) {
    if (!ok) throw new IllegalArgumentException("DVS parameter out of range: " + what);
  }

  /** Defaults: members electorate, 10/10/10/60-block phases, 10 % / 10 % quorums, chains ≤ 8. */
  public static DvsParams defaults(int electorate) {
    return new DvsParams(electorate, 10, 10, 10, 60, 1_000, 1_000, 8, 5, 16, false);
  }

  public void encode(Encoder e) {
    e.u8(electorate).u64(admissionBlocks).u64(discussionBlocks).u64(verificationBlocks)
        .u64(votingBlocks).u32(issueQuorumBps).u32(initiativeQuorumBps).u32(maxChainLength)
        .u32(minCellSize).u32(powDifficultyBits).bool(delegationInSupport);
  }

  public static DvsParams decode(Decoder d) {
    try {
      return new DvsParams(d.u8(), d.u64(), d.u64(), d.u64(), d.u64(), d.u32AsInt(),
          d.u32AsInt(), d.u32AsInt(), d.u32AsInt(), d.u32AsInt(), d.bool());
    } catch (IllegalArgumentException e) {
      throw new CodecException(CodecException.Reason.INVALID_VALUE, e.getMessage());
    }
  }
}
