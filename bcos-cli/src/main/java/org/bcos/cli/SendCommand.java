package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bcos send}: sign a transfer, submit it, and wait until it is final. */
@Command(name = "send", description = "Send DDC; waits until the transfer is final")
final class SendCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Option(names = "--from", required = true, description = "name of a local key") String from;
  @Option(names = "--to", required = true, description = "dd1… address or local key name")
  String to;
  @Option(names = "--amount", required = true, description = "DDC, e.g. 1250.5") String amount;
  @Option(names = "--fee", description = "DDC (default: the chain's minimum fee)") String fee;
  @Option(names = "--memo", defaultValue = "", description = "up to 256 bytes of text")
  String memo;
  @Option(names = "--expiry-blocks", defaultValue = "1000",
      description = "blocks from now after which the transfer can no longer be included")
  long expiryBlocks;
  @Option(names = "--no-wait", description = "return once the node has admitted the transfer")
  boolean noWait;
  @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for finality")
  long timeoutSeconds;
  @Option(names = "--passphrase-file") Path passphraseFile;
  @Option(names = "--hash-only", description = "print only the transaction hash, for"
      + " T=$(bcos send …)") boolean hashOnly;

  @Override
  public Integer call() throws Exception {
    // the input is checked before the key is unlocked: a typo never costs a passphrase prompt
    Address recipient = Keys.resolve(to);
    long units = parseAmount(amount, "--amount");
    TxSubmitter.Payment payment = new TxSubmitter.Payment(
        fee != null ? parseAmount(fee, "--fee") : null, null);
    TxSubmitter.Signer signer = new TxSubmitter.Signer(from, Keys.unlock(from, passphraseFile));
    ObjectNode out = TxSubmitter.submit(common, signer, new CoinTransfer(recipient, units, memo),
        payment, expiryBlocks, !noWait, timeoutSeconds);
    out.put("to", recipient.toString()).put("amount", Amount.format(units))
        .put("amountUnits", Long.toString(units));
    if (hashOnly) {
      System.out.println(out.path("hash").asText());
    } else if (common.json) {
      Output.json(System.out, out);
    } else {
      Output.human(System.out, out);
    }
    return 0;
  }

  static long parseAmount(String text, String option) {
    try {
      return Amount.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_AMOUNT", option + ": " + e.getMessage());
    }
  }
}
