package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Mixin;

/**
 * A command that signs and sends one message ({@link TxOptions}) and prints the outcome, plus the
 * fields {@link #describe} adds: the shape of every module's transaction commands.
 */
abstract class TxCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin TxOptions tx;

  abstract Message message() throws Exception;

  void describe(ObjectNode out) {}

  @Override
  public Integer call() throws Exception {
    ObjectNode out = tx.send(common, message());
    describe(out);
    print(out);
    return 0;
  }

  void print(ObjectNode out) {
    if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
  }
}
