package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import picocli.CommandLine.Option;

/**
 * Options of every command that signs a transaction, and what they do with it: send it and wait
 * (default), check it without sending ({@code --dry-run}), or sign it into a file for {@code bcos
 * submit} ({@code --sign-only}; offline when {@code --chain-id}, {@code --nonce}, {@code --fee}
 * or {@code --free}, and {@code --expiry-height} are all given).
 */
final class TxOptions {
  @Option(names = "--from", required = true, description = "name of the signing key")
  String from;
  @Option(names = "--fee", description = "DDC (default: the chain's minimum fee;"
      + " send-many pays it per recipient)")
  String fee;
  @Option(names = "--free", description = "pay no fee: attach a proof-of-work stamp of N bits "
      + "(ballots, supports and delegations; N = the community's difficulty)", paramLabel = "N")
  Integer freeBits;
  @Option(names = "--nonce", paramLabel = "N", description = "sign with this nonce (default: the"
      + " account's next, asked from the node); a used one is an error, never replaced")
  Long nonce;
  @Option(names = "--chain-id", paramLabel = "ID", description = "the chain to sign for"
      + " (default: the node's)")
  String chainId;
  @Option(names = "--expiry-height", paramLabel = "H", description = "the last block that may"
      + " include it (default: the node's height + --expiry-blocks)")
  Long expiryHeight;
  @Option(names = "--expiry-blocks", defaultValue = "1000", paramLabel = "N",
      description = "blocks from now after which it can no longer be included")
  long expiryBlocks;
  @Option(names = "--dry-run", description = "build and sign, have the node check it against its"
      + " current state, print what would be sent (fee in DDC); send nothing")
  boolean dryRun;
  @Option(names = "--sign-only", description = "sign and write the transaction (--out FILE, else"
      + " stdout) for `bcos submit`; the node is asked only for what is not given: --chain-id,"
      + " --nonce, --fee or --free, --expiry-height (all given: offline)")
  boolean signOnly;
  @Option(names = "--out", paramLabel = "FILE", description = "with --sign-only: the file to"
      + " write (never replaced)")
  Path out;
  @Option(names = "--no-wait", description = "return once the node has admitted it")
  boolean noWait;
  @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for finality")
  long timeoutSeconds;
  @Option(names = "--passphrase-file") Path passphraseFile;

  /**
   * Signs {@code message} and sends it, checks it or writes it, as the options say; returns what
   * to print (null: the signed file went to stdout). {@link #checkCombination} comes first.
   */
  ObjectNode send(CommonOptions common, Message message) throws Exception {
    TxSubmitter.Payment payment = payment();
    TxSubmitter.Envelope envelope = new TxSubmitter.Envelope(chainId, nonce, expiryHeight,
        expiryBlocks);
    TxSubmitter.Signer signer = new TxSubmitter.Signer(from, Keys.unlock(from, passphraseFile));
    if (signOnly) return signOnly(common, signer, message, payment, envelope);
    if (dryRun) {
      Transaction tx = TxSubmitter.dryRun(common, signer, message, payment, envelope);
      return SignedTxFile.summary(tx, Output.object().put("status", "admissible (dry run: not"
          + " sent)"));
    }
    return TxSubmitter.submit(common, signer, message, payment, envelope, !noWait,
        timeoutSeconds);
  }

  /**
   * Whether the transaction is signed without any node: then the command's own checks against
   * the node's state (a DVS phase) are skipped too; the node makes them on {@code bcos submit}.
   */
  boolean offline() {
    return signOnly && chainId != null && nonce != null && expiryHeight != null
        && (fee != null || freeBits != null);
  }

  private ObjectNode signOnly(CommonOptions common, TxSubmitter.Signer signer, Message message,
      TxSubmitter.Payment payment, TxSubmitter.Envelope envelope) {
    TxSubmitter.SignedOnly signed = TxSubmitter.signOnly(common, signer, message, payment,
        envelope);
    if (out == null) {
      // the file itself on stdout, as `cast mktx` prints its transaction: bcos submit - reads it
      System.out.println(SignedTxFile.pretty(SignedTxFile.toJson(signed.tx())));
      return null;
    }
    SignedTxFile.write(out, signed.tx());
    ObjectNode summary = SignedTxFile.summary(signed.tx(), Output.object().put("status",
        "signed, not sent").put("file", out.toString()));
    return summary.put("askedNode", signed.askedNode().isEmpty() ? "nothing (offline)"
        : String.join(", ", signed.askedNode()));
  }

  private TxSubmitter.Payment payment() {
    if (freeBits != null) return new TxSubmitter.Payment(null, freeBits);
    return new TxSubmitter.Payment(fee != null ? SendCommand.parseAmount(fee, "--fee") : null,
        null);
  }

  /** Refuses options that do not go together; called first, before any key or node is used. */
  void checkCombination() {
    if (fee != null && freeBits != null) invalid("--fee and --free exclude each other");
    if (signOnly && dryRun) invalid("--sign-only and --dry-run exclude each other");
    if (out != null && !signOnly) invalid("--out goes with --sign-only");
    if ((signOnly || dryRun) && noWait) {
      invalid("--no-wait is for sending; --sign-only and --dry-run send nothing");
    }
    if (nonce != null && nonce < 0) invalid("--nonce must not be negative");
    if (expiryHeight != null && expiryHeight < 0) invalid("--expiry-height must not be negative");
    if (expiryBlocks < 1) invalid("--expiry-blocks must be at least 1");
  }

  private static void invalid(String why) {
    throw new CliException("INVALID_ARGUMENT", why);
  }
}
