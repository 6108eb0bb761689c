package org.bcos.ledger.block;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;

/**
 * The seam through which the ledger checks the previous block's commit certificate that a block
 * carries ({@link Block#lastCommit()}) without depending on the consensus module: the node passes
 * an implementation built on the consensus formats (as for {@code EvidenceCheck}). Must be a
 * deterministic function of its arguments: every node gives the same answer, on every signature
 * path.
 */
public interface CommitCheck {

  /** Why a certificate is refused. */
  enum Problem {
    /** Not the canonical encoding (truncated, trailing bytes, signers out of order, too many). */
    UNDECODABLE,
    /** A signer appears twice. */
    DUPLICATE_SIGNER,
    /** The certificate is for another height than the certified block's. */
    WRONG_HEIGHT,
    /** The certificate is for another value than the certified block. */
    WRONG_BLOCK,
    /** A signer is not a member of the set that governed the certified height. */
    NOT_A_MEMBER,
    /** A signature does not verify (for this chain, height, round and value). */
    BAD_SIGNATURE,
    /** The signers hold 2/3 of the set's power or less. */
    NO_QUORUM,
    /** This ledger was opened without a way to check certificates. */
    NOT_CHECKED
  }

  /** The outcome of a check: the signers (consensus keys, ascending) or a problem. */
  record Result(SortedSet<Address> signers, Problem problem, String detail) {
    public Result {
      signers = Collections.unmodifiableSortedSet(new TreeSet<>(signers));
      Objects.requireNonNull(detail);
    }

    /** A valid certificate signed by {@code signers}. */
    public static Result valid(java.util.Collection<Address> signers) {
      return new Result(new TreeSet<>(signers), null, "");
    }

    /** A refused certificate. */
    public static Result refused(Problem problem, String detail) {
      return new Result(new TreeSet<>(), Objects.requireNonNull(problem), detail);
    }

    public boolean ok() {
      return problem == null;
    }
  }

  /**
   * Whether {@code certificate} proves that {@code certified} (the block it certifies, at its
   * height) was decided on chain {@code chainId} by more than 2/3 of the power of {@code set} (the
   * set that governed that height): at most one valid signature per member, no one else.
   */
  Result check(byte[] certificate, String chainId, Block certified, List<ValidatorPower> set);

  /**
   * The certificate a ledger stores for a block it commits without consensus ({@code
   * Ledger.buildBlock}, tests and tools): none by default, so the next block of a version that
   * carries last commits cannot be built on it. Test checks override it.
   */
  default byte[] certifyWithoutConsensus(Block block, List<ValidatorPower> set) {
    return new byte[0];
  }

  /** Checks nothing and accepts no certificate (a ledger used without consensus). */
  CommitCheck NONE = (certificate, chainId, certified, set) -> Result.refused(Problem.NOT_CHECKED,
      "this ledger was opened without a commit check");
}
