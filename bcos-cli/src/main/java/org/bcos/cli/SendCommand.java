package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bcos send}: sign a transfer, submit it, and wait until it is final; or, as every
 * transaction command, {@code --dry-run} or {@code --sign-only} ({@link TxOptions}).
 */
@Command(name = "send", description = "Send DDC; waits until the transfer is final")
final class SendCommand extends TxCommand {
  @Option(names = "--to", required = true, description = "dd1… address or local key name")
  String to;
  @Option(names = "--amount", required = true, description = "DDC, e.g. 1250.5") String amount;
  @Option(names = "--memo", defaultValue = "", description = "up to 256 bytes of text")
  String memo;
  @Option(names = "--hash-only", description = "print only the transaction hash, for"
      + " T=$(bcos send …)") boolean hashOnly;

  private Address recipient;
  private long units;

  /** The input is checked here, before the key is unlocked: a typo never costs a passphrase. */
  @Override
  Message message() {
    recipient = Keys.resolve(to);
    units = parseAmount(amount, "--amount");
    return new CoinTransfer(recipient, units, memo);
  }

  @Override
  void describe(ObjectNode out) {
    out.put("to", recipient.toString()).put("amount", Amount.format(units))
        .put("amountUnits", Long.toString(units));
  }

  @Override
  void print(ObjectNode out) {
    if (hashOnly) System.out.println(out.path("hash").asText()); else super.print(out);
  }

  static long parseAmount(String text, String option) {
    try {
      return Amount.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("INVALID_AMOUNT", option + ": " + e.getMessage());
    }
  }
}
