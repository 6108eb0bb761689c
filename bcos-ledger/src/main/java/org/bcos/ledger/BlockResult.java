package org.bcos.ledger;

import java.util.List;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.Verdict;
import org.bcos.types.tx.Transaction;

/** A committed block and the candidate transactions the builder left out, with why. */
public record BlockResult(Block block, List<Skipped> skipped) {
  /** A candidate not included. */
  public record Skipped(Transaction tx, Verdict verdict) {}

  public BlockResult {
    skipped = List.copyOf(skipped);
  }
}
