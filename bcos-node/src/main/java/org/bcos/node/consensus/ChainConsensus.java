package org.bcos.node.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bcos.consensus.CommitCertificate;
import org.bcos.consensus.Evidence;
import org.bcos.consensus.Proposal;
import org.bcos.consensus.Validator;
import org.bcos.consensus.ValidatorSchedule;
import org.bcos.consensus.ValidatorSet;
import org.bcos.consensus.Vote;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.ValidatorSets;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.CommitCheck;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.ledger.stake.api.EvidenceCheck;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;

/**
 * The glue between the ledger's stake module and the consensus module: validator sets and
 * schedules from committed state, commit certificates of stored blocks, and the evidence check the
 * ledger uses to slash double signers. Stateless.
 */
public final class ChainConsensus {
  private ChainConsensus() {}

  /** The consensus view of a set the ledger reports. */
  public static ValidatorSet validatorSet(List<ValidatorPower> set) {
    List<Validator> out = new ArrayList<>(set.size());
    for (ValidatorPower v : set) out.add(new Validator(v.address(), v.power()));
    return new ValidatorSet(out);
  }

  /** The schedule of every set change the ledger has committed. */
  public static ValidatorSchedule schedule(Ledger ledger) {
    if (ValidatorSets.ACTIVATION_DELAY != ValidatorSchedule.ACTIVATION_DELAY) {
      throw new IllegalStateException("stake and consensus disagree on the activation delay");
    }
    ValidatorSchedule schedule = null;
    for (Map.Entry<Long, List<ValidatorPower>> e : ledger.validatorSetChanges().entrySet()) {
      ValidatorSet set = validatorSet(e.getValue());
      schedule = schedule == null ? ValidatorSchedule.genesis(set)
          : schedule.withChange(e.getKey() - ValidatorSchedule.ACTIVATION_DELAY, set);
    }
    return schedule;
  }

  /**
   * Why {@code value} is not a valid consensus value at {@code height} (Algorithm 1's valid(v)):
   * it must decode to the block after the ledger's head that re-executes to its state root
   * ({@link Ledger#checkBlock}, which keeps its executed state for the commit). Empty when valid.
   */
  public static Optional<String> valueProblem(Ledger ledger, long height, byte[] value) {
    if (height != ledger.head().height() + 1) {
      return Optional.of("height " + height + " does not follow the head "
          + ledger.head().height());
    }
    try {
      Block block = Block.decode(value, ledger.modules());
      if (block.height() != height) return Optional.of("the block is for height " + block.height());
      ledger.checkBlock(block);
      return Optional.empty();
    } catch (Ledger.InvalidBlockException | CodecException | IllegalArgumentException
        | org.bcos.ledger.UpgradeRequiredException e) {
      // a block this software cannot run is not one it can vote for (the host stops before it)
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Why {@code certificate} does not prove that {@code block} (encoded as {@code encodedBlock}) was
   * decided at its height by the validators of that height, or empty when it does.
   */
  public static Optional<String> certificateProblem(Ledger ledger, Block block,
      byte[] encodedBlock, byte[] certificate, SignatureVerifier verifier) {
    CommitCheck.Result r = check(certificate, ledger.params().chainId(), block.height(),
        Proposal.valueId(encodedBlock), validatorSet(ledger.validatorSetAt(block.height())),
        verifier);
    return r.ok() ? Optional.empty() : Optional.of(r.problem() + ": " + r.detail());
  }

  /**
   * The ledger's check of the previous block's certificate a block carries: the same rule as a
   * synced block's certificate ({@link #certificateProblem}), for the certified block's value id.
   */
  public static CommitCheck commitCheck(SignatureVerifier verifier) {
    return (certificate, chainId, certified, set) -> check(certificate, chainId,
        certified.height(), Proposal.valueId(certified.encode()), validatorSet(set), verifier);
  }

  /**
   * Whether {@code certificate} holds, on chain {@code chainId}, valid precommits for {@code
   * valueId} at {@code height} by members of {@code set} holding more than 2/3 of its power (at
   * most one per member: a strict decode bounds the signers by the set's size): its signers, or
   * the first problem found.
   */
  static CommitCheck.Result check(byte[] certificate, String chainId, long height, Hash valueId,
      ValidatorSet set, SignatureVerifier verifier) {
    CommitCertificate cert;
    try {
      cert = CommitCertificate.decode(certificate, set.size());
    } catch (CodecException | IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      return CommitCheck.Result.refused(message.startsWith(CommitCertificate.DUPLICATE_SIGNER)
          ? CommitCheck.Problem.DUPLICATE_SIGNER : CommitCheck.Problem.UNDECODABLE, message);
    }
    if (cert.height() != height) {
      return CommitCheck.Result.refused(CommitCheck.Problem.WRONG_HEIGHT,
          "certificate is for height " + cert.height() + ", not " + height);
    }
    if (!cert.valueId().equals(valueId)) {
      return CommitCheck.Result.refused(CommitCheck.Problem.WRONG_BLOCK,
          "certificate is for another block");
    }
    long power = 0;
    List<Address> signers = new ArrayList<>(cert.signatures().size());
    for (Vote v : cert.precommits()) {
      long p = set.powerOf(v.validator());
      if (p == 0) {
        return CommitCheck.Result.refused(CommitCheck.Problem.NOT_A_MEMBER,
            v.validator() + " is not a validator at height " + height);
      }
      if (!v.verify(chainId, verifier)) {
        return CommitCheck.Result.refused(CommitCheck.Problem.BAD_SIGNATURE,
            "the precommit of " + v.validator() + " does not verify");
      }
      power = Math.addExact(power, p);
      signers.add(v.validator());
    }
    if (!set.isQuorum(power)) {
      return CommitCheck.Result.refused(CommitCheck.Problem.NO_QUORUM,
          "signers hold " + power + " of " + set.totalPower() + " power, not more than 2/3");
    }
    return CommitCheck.Result.valid(signers);
  }

  /**
   * The ledger's evidence check: a {@link Evidence.Kind#DUPLICATE_VOTE} (proposal pairs carry whole
   * blocks and are not put on chain) whose two votes are validly signed by a validator of the set
   * that governed their height.
   */
  public static EvidenceCheck evidenceCheck(SignatureVerifier verifier) {
    return (bytes, chainId, setAt) -> {
      Evidence evidence;
      try {
        evidence = Evidence.decode(bytes, 0);
      } catch (CodecException | IllegalArgumentException e) {
        return Optional.empty();
      }
      if (evidence.kind() != Evidence.Kind.DUPLICATE_VOTE || evidence.height() < 1) {
        return Optional.empty();
      }
      ValidatorSet set = validatorSet(setAt.apply(evidence.height()));
      if (!evidence.verify(chainId, set, verifier)) return Optional.empty();
      return Optional.of(new EvidenceCheck.Offence(evidence.offender(), evidence.height()));
    };
  }
}
