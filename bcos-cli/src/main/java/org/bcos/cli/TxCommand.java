package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Mixin;

/**
 * A command that signs one message and sends it, checks it ({@code --dry-run}) or writes it for
 * {@code bcos submit} ({@code --sign-only}), as its {@link TxOptions} say, and prints the outcome
 * plus the fields {@link #describe} adds: the shape of every module's transaction commands.
 */
abstract class TxCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin TxOptions tx;

  abstract Message message() throws Exception;

  void describe(ObjectNode out) {}

  @Override
  public Integer call() throws Exception {
    tx.checkCombination();
    ObjectNode out = tx.send(common, message());
    if (out == null) return 0; // --sign-only without --out: the file went to stdout
    describe(out);
    print(out);
    return 0;
  }

  /**
   * Whether the command may read the node's state before signing (its pre-checks, e.g. a DVS
   * phase): not when signing offline, where the node is never contacted.
   */
  boolean mayAskNode() {
    return !tx.offline();
  }

  void print(ObjectNode out) {
    if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
  }
}
