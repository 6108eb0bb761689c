package org.bcos.ledger;

import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.Ledger.InvalidBlockException;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.CommitCheck;
import org.bcos.ledger.spi.ProtocolRules;
import org.bcos.types.Address;

/**
 * The previous block's commit certificate that blocks carry from protocol version {@link
 * #SINCE_VERSION} on (Tendermint's LastCommit): which one a proposer puts in, and the checks a
 * carried one must pass. Its signers reach the block's modules as {@code
 * TxContext.lastCommitSigners()} (the stake module counts downtime and sizes the proposer bonus
 * by them).
 */
final class LastCommits {
  /** The first protocol version whose blocks carry the previous block's certificate. */
  static final int SINCE_VERSION = 3;

  private final CommitCheck check;
  private final ValidatorSets sets;
  private final String chainId;

  LastCommits(CommitCheck check, ValidatorSets sets, String chainId) {
    this.check = check;
    this.sets = sets;
    this.chainId = chainId;
  }

  /** Whether blocks under {@code rules} carry the previous block's certificate (format 3). */
  static boolean carried(ProtocolRules rules) {
    return rules.version() >= SINCE_VERSION;
  }

  /**
   * The signers of the certificate {@code block} carries for {@code parent} (the head it
   * follows); empty when its version carries none or it is block 1 (genesis is not voted on).
   * Throws {@link InvalidBlockException} when the block's format or certificate is wrong.
   */
  Optional<Set<Address>> verify(Block block, Block parent, ProtocolRules rules) {
    boolean carried = carried(rules);
    long height = block.height();
    if (block.header().carriesLastCommit() != carried) {
      throw new InvalidBlockException(InvalidBlockException.Reason.WRONG_BLOCK_FORMAT,
          "a block at height " + height + " under " + rules + (carried
              ? " carries the previous block's commit (header format 3)"
              : " carries no previous block's commit (header format 1 or 2)"));
    }
    if (!carried) return Optional.empty();
    byte[] lastCommit = block.lastCommit();
    if (!Block.lastCommitHash(lastCommit).equals(block.header().lastCommitHash())) {
      throw new InvalidBlockException(InvalidBlockException.Reason.LAST_COMMIT_HASH_MISMATCH,
          "the carried commit does not match the header's lastCommitHash");
    }
    if (height == 1) {
      if (lastCommit.length > 0) {
        throw new InvalidBlockException(InvalidBlockException.Reason.LAST_COMMIT_UNEXPECTED,
            "block 1 carries a commit, but genesis is not voted on");
      }
      return Optional.empty();
    }
    if (lastCommit.length == 0) {
      throw new InvalidBlockException(InvalidBlockException.Reason.LAST_COMMIT_MISSING,
          "block " + height + " carries no commit certificate of block " + (height - 1));
    }
    return Optional.of(signers(lastCommit, parent));
  }

  /** The signers of a certificate to carry ({@link #toCarry}): none for an empty one. */
  Optional<Set<Address>> signersOf(byte[] toCarry, Block certified) {
    return toCarry.length == 0 ? Optional.empty() : Optional.of(signers(toCarry, certified));
  }

  /** The signers of {@code certificate} for {@code certified}, or a LAST_COMMIT_INVALID refusal. */
  Set<Address> signers(byte[] certificate, Block certified) {
    CommitCheck.Result r = check.check(certificate, chainId, certified,
        sets.setAt(certified.height()));
    if (!r.ok()) {
      throw new InvalidBlockException(InvalidBlockException.Reason.LAST_COMMIT_INVALID,
          r.problem() + ": the commit certificate of block " + certified.height() + " is refused"
          + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
    }
    return r.signers();
  }

  /**
   * The certificate a proposer of the block after {@code parent} carries under {@code rules}:
   * empty for block 1 and versions without last commits, else {@code stored} (the certificate
   * this node committed {@code parent} with), which must pass the check: a node that committed
   * its head without one (a tool's {@code buildBlock}) cannot propose a valid block on it.
   */
  byte[] toCarry(Block parent, ProtocolRules rules, byte[] stored) {
    if (!carried(rules) || parent.height() == 0) return new byte[0];
    if (stored.length == 0) {
      throw new IllegalStateException("cannot propose block " + (parent.height() + 1) + ": block "
          + parent.height() + " was committed without a commit certificate, which "
          + rules + " blocks must carry");
    }
    return stored;
  }

  /** The certificate {@code buildBlock} stores for a block committed without consensus. */
  byte[] certifyWithoutConsensus(Block block) {
    return check.certifyWithoutConsensus(block, sets.setAt(block.height()));
  }
}
