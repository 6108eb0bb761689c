package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.bcos.types.tx.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos submit FILE}: sends a transaction signed earlier with {@code --sign-only} (perhaps
 * on another, offline machine) and waits until it is final, printing what {@code send} prints.
 * Needs no key. The file is checked first ({@link SignedTxFile}: NOT_A_SIGNED_TX), then against
 * the node: another chain is WRONG_CHAIN_ID, a transaction final already ALREADY_FINAL, a nonce
 * another transaction used NONCE_USED; the node's own refusals (EXPIRED, INSUFFICIENT_BALANCE, …)
 * pass through by name.
 */
@Command(name = "submit", description = "Send a transaction signed with --sign-only (FILE, or -"
    + " for stdin); waits until it is final")
final class SubmitCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Parameters(paramLabel = "FILE", description = "the signed transaction file (- for stdin)")
  String file;
  @Option(names = "--no-wait", description = "return once the node has admitted it")
  boolean noWait;
  @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for finality")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    Transaction tx = SignedTxFile.read(file);
    String nodeChain = common.client().chainId();
    if (!nodeChain.equals(tx.body().chainId())) {
      throw new CliException("WRONG_CHAIN_ID", "the transaction is signed for chain '"
          + tx.body().chainId() + "', the node at " + common.url() + " runs '" + nodeChain + "'");
    }
    ObjectNode out = TxSubmitter.submitSigned(common, tx, !noWait, timeoutSeconds);
    ObjectNode summary = SignedTxFile.summary(tx, Output.object());
    summary.remove(java.util.List.of("hash", "from", "nonce", "fee", "feeUnits"));
    out.setAll(summary);
    Output.print(common, out);
    return 0;
  }
}
