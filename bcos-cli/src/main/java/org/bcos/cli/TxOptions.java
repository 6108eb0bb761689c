package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.bcos.types.tx.Message;
import picocli.CommandLine.Option;

/** Options of every command that signs and sends a transaction. */
final class TxOptions {
  @Option(names = "--from", required = true, description = "name of the signing key")
  String from;
  @Option(names = "--fee", description = "DDC (default: the chain's minimum fee)")
  String fee;
  @Option(names = "--free", description = "pay no fee: attach a proof-of-work stamp of N bits "
      + "(ballots, supports and delegations; N = the community's difficulty)", paramLabel = "N")
  Integer freeBits;
  @Option(names = "--no-wait", description = "return once the node has admitted it")
  boolean noWait;
  @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for finality")
  long timeoutSeconds;
  @Option(names = "--passphrase-file") Path passphraseFile;

  ObjectNode send(CommonOptions common, Message message) throws Exception {
    TxSubmitter.Payment payment = freeBits != null ? new TxSubmitter.Payment(null, freeBits)
        : new TxSubmitter.Payment(fee != null ? SendCommand.parseAmount(fee, "--fee") : null,
            null);
    return TxSubmitter.submit(common,
        new TxSubmitter.Signer(from, Keys.unlock(from, passphraseFile)), message, payment, 1000,
        !noWait, timeoutSeconds);
  }
}
