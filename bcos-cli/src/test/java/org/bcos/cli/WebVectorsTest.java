package org.bcos.cli;

import static org.bcos.cli.WebVectorFiles.json;
import static org.bcos.cli.WebVectorFiles.obj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bcos.client.Transactions;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Mnemonic;
import org.bcos.types.Address;
import org.bcos.types.Digests;
import org.bcos.types.Hex;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.junit.jupiter.api.Test;

/**
 * The cross-language vectors of the web wallet (bcos-web's lib/*.js): what Java computes for
 * words → seed → key → address and for signed coin.transfer transactions, and the BIP-39 word
 * list as the JS module carries it. With {@code -Dbcos.web.vectors=write} the files are
 * (re)written; otherwise each checked-in file must equal, byte for byte, what Java computes now,
 * so the Java and JS sides cannot drift silently. Ed25519 signatures are deterministic, so
 * signatures are compared too.
 */
class WebVectorsTest {
  private static final Path WEB = Path.of("..", "bcos-web", "src");
  private static final Path VECTORS = WEB.resolve(Path.of("test", "js", "vectors"));
  private static final Path WORD_LIST_JS =
      WEB.resolve(Path.of("main", "resources", "org", "bcos", "web", "static", "lib",
          "bip39-english.js"));
  private static final String REGENERATE = WebVectorFiles.regenerate("WebVectorsTest");

  private static final String ABANDON_12 =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
  private static final String ABANDON_24 = "abandon ".repeat(23) + "art";
  private static final String LEGAL_24 = "legal winner thank year wave sausage worth useful legal"
      + " winner thank year wave sausage worth useful legal winner thank year wave sausage worth title";
  private static final String ZOO_24 = "zoo ".repeat(23) + "vote";
  /** Entropy patterns for fromEntropy vectors: every allowed length. */
  private static final String[] ENTROPY = {
    "00000000000000000000000000000000",
    "7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f",
    "808080808080808080808080808080808080808080808080",
    "0123456789abcdef0123456789abcdef0123456789abcdef01234567",
    "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100",
  };

  @Test
  void mnemonicVectors() throws IOException {
    Map<String, Object> root = header();
    List<Object> entropy = new ArrayList<>();
    for (String hex : ENTROPY) {
      entropy.add(obj("entropy", hex, "mnemonic", Mnemonic.fromEntropy(Hex.decode(hex))));
    }
    root.put("entropy", entropy);

    List<Object> seeds = new ArrayList<>();
    String generated = Mnemonic.fromEntropy(Hex.decode(ENTROPY[4]));
    String[][] seedCases = {
      {ABANDON_12, "TREZOR"}, {ABANDON_12, ""}, {ABANDON_24, "TREZOR"}, {LEGAL_24, ""},
      {ZOO_24, "TREZOR"}, {generated, ""}, {generated, "correct horse battery staple"},
      // NFC "ä" and "ö": the passphrase is NFKD-normalised before use, on both sides.
      {generated, "p\u00e4ssw\u00f6rd \u2460"},
      // Upper case and extra whitespace normalise to the same phrase.
      {"  " + ZOO_24.toUpperCase(java.util.Locale.ROOT).replace(" ", " \t ") + "\n", ""},
    };
    for (String[] c : seedCases) {
      seeds.add(obj("mnemonic", c[0], "passphrase", c[1],
          "seed", Hex.encode(Mnemonic.toSeed(c[0], c[1]))));
    }
    root.put("seeds", seeds);

    List<Object> keys = new ArrayList<>();
    Object[][] keyCases = {
      {ABANDON_12, 0}, {ABANDON_24, 0}, {ABANDON_24, 1}, {LEGAL_24, 0}, {ZOO_24, 0},
      {generated, 0}, {generated, 1}, {generated, 7}, {generated, Mnemonic.MAX_ACCOUNT},
    };
    for (Object[] c : keyCases) {
      Ed25519KeyPair key = Mnemonic.toKeyPair((String) c[0], (Integer) c[1]);
      keys.add(obj("mnemonic", c[0], "account", c[1], "privateKey", Hex.encode(key.seed()),
          "publicKey", Hex.encode(key.publicKey()), "address", key.address().toString()));
    }
    root.put("keys", keys);
    WebVectorFiles.check(VECTORS.resolve("mnemonics.json"), json(root), REGENERATE);
  }

  @Test
  void transferVectors() throws IOException {
    Map<String, Object> root = header();
    String generated = Mnemonic.fromEntropy(Hex.decode(ENTROPY[4]));
    Address bob = Mnemonic.toKeyPair(ABANDON_24, 1).address();
    Object[][] cases = {
      // mnemonic, account, chainId, nonce, fee, expiry, to, amount, memo
      {ABANDON_24, 0, "bcos-dev", 0L, 1000L, 100L, bob, 1L, ""},
      {ABANDON_24, 0, "bcos-dev", 1L, 1000L, 120L, bob, 125_050_000_000L, "rent, March"},
      {generated, 1, "bcos-main-1", 4_294_967_296L, 0L, 9_007_199_254_740_993L,
          Mnemonic.toKeyPair(generated, 0).address(), Long.MAX_VALUE, "caf\u00e9 \u2615 \uD83D\uDE80"},
      {LEGAL_24, 0, "t", 127L, 128L, 16_384L, bob, 300L, "x".repeat(127)},
      {ZOO_24, 0, "bcos-dev", 7L, 1000L, 1L, bob, 42L, "m".repeat(256)},
    };
    List<Object> transfers = new ArrayList<>();
    for (Object[] c : cases) {
      Ed25519KeyPair key = Mnemonic.toKeyPair((String) c[0], (Integer) c[1]);
      Address to = (Address) c[6];
      Transaction tx = Transactions.transfer((String) c[2], key, (Long) c[3], (Long) c[4],
          (Long) c[5], to, (Long) c[7], (String) c[8]);
      byte[] body = TransactionCodec.bodyBytes(tx);
      transfers.add(obj("mnemonic", c[0], "account", c[1], "chainId", c[2],
          "sender", key.address().toString(), "nonce", c[3].toString(),
          "feeUnits", c[4].toString(), "expiryHeight", c[5].toString(), "to", to.toString(),
          "amountUnits", c[7].toString(), "memo", c[8], "body", Hex.encode(body),
          "digest", TransactionCodec.signingDigest(body).toHex(),
          "signature", Hex.encode(tx.signature()), "encoded", Hex.encode(tx.encoded()),
          "hash", Digests.sha256(tx.encoded()).toHex()));
    }
    root.put("transfers", transfers);
    WebVectorFiles.check(VECTORS.resolve("transactions.json"), json(root), REGENERATE);
  }

  /** The JS word list is bcos-crypto's bip39-english.txt, word for word, in order. */
  @Test
  void wordListModule() throws IOException {
    List<String> words;
    try (InputStream in = Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
      words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    }
    assertEquals(2048, words.size());
    StringBuilder js = new StringBuilder()
        .append("// The BIP-39 English word list (2,048 words, in order), copied from bcos-crypto's\n")
        .append("// src/main/resources/org/bcos/crypto/bip39-english.txt, the list the CLI uses.\n")
        .append("// Generated data: WebVectorsTest (bcos-cli) fails if it differs from that file.\n")
        .append("export const ENGLISH = Object.freeze([\n");
    for (String w : words) js.append("  \"").append(w).append("\",\n");
    js.append("]);\n");
    WebVectorFiles.check(WORD_LIST_JS, js.toString(), REGENERATE);
  }

  private static Map<String, Object> header() {
    return obj("generatedBy", "bcos-cli WebVectorsTest; regenerate: " + REGENERATE);
  }
}
