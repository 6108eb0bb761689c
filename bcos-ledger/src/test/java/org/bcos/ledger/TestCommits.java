package org.bcos.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.block.CommitCheck;
import org.bcos.ledger.spi.ValidatorPower;
import org.bcos.types.Address;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A commit check for ledger tests, where no consensus runs (as {@code FakeEvidence} stands in for
 * double-sign evidence): a "certificate" is {@code u64 height | hash block | varint n | n ×
 * address} (ascending), and it holds when its signers are distinct members holding more than 2/3
 * of the set's power. No signatures: the node's check ({@code ChainConsensus.commitCheck}, tested
 * in bcos-node and in the testkit's simulation) verifies real precommits. {@code buildBlock}
 * certifies every member but those marked {@link #absent}.
 */
public final class TestCommits implements CommitCheck {
  private final Set<Address> absent = new TreeSet<>();

  /** Leaves {@code keys} out of the certificates of blocks built from now on. */
  public TestCommits absent(Address... keys) {
    absent.addAll(List.of(keys));
    return this;
  }

  /** Puts every validator back into the certificates. */
  public TestCommits allPresent() {
    absent.clear();
    return this;
  }

  /** The test encoding of a certificate of {@code block} by {@code signers} (any order given). */
  public static byte[] encode(Block block, List<Address> signers) {
    Encoder e = new Encoder(48 + signers.size() * 32).u64(block.height()).hash(block.hash());
    e.varint(signers.size());
    for (Address a : signers) e.address(a);
    return e.toByteArray();
  }

  @Override
  public byte[] certifyWithoutConsensus(Block block, List<ValidatorPower> set) {
    List<Address> signers = new ArrayList<>();
    for (ValidatorPower v : set) {
      if (!absent.contains(v.address())) signers.add(v.address());
    }
    return encode(block, signers.stream().sorted().toList());
  }

  @Override
  public Result check(byte[] certificate, String chainId, Block certified,
      List<ValidatorPower> set) {
    List<Address> signers = new ArrayList<>();
    try {
      Decoder d = new Decoder(certificate);
      long height = d.u64();
      if (height != certified.height()) return Result.refused(Problem.WRONG_HEIGHT, "" + height);
      if (!d.hash().equals(certified.hash())) return Result.refused(Problem.WRONG_BLOCK, "");
      int n = (int) d.varint(set.size());
      for (int i = 0; i < n; i++) signers.add(d.address());
      d.finish();
    } catch (CodecException e) {
      return Result.refused(Problem.UNDECODABLE, e.getMessage());
    }
    long power = 0;
    long total = 0;
    for (ValidatorPower v : set) total += v.power();
    for (int i = 0; i < signers.size(); i++) {
      if (i > 0 && signers.get(i - 1).equals(signers.get(i))) {
        return Result.refused(Problem.DUPLICATE_SIGNER, signers.get(i).toString());
      }
      if (i > 0 && signers.get(i - 1).compareTo(signers.get(i)) > 0) {
        return Result.refused(Problem.UNDECODABLE, "signers not in order");
      }
      long p = powerOf(set, signers.get(i));
      if (p == 0) return Result.refused(Problem.NOT_A_MEMBER, signers.get(i).toString());
      power += p;
    }
    if (3 * power <= 2 * total) return Result.refused(Problem.NO_QUORUM, power + " of " + total);
    return Result.valid(signers);
  }

  private static long powerOf(List<ValidatorPower> set, Address a) {
    for (ValidatorPower v : set) {
      if (v.address().equals(a)) return v.power();
    }
    return 0;
  }
}
