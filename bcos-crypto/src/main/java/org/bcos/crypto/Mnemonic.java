package org.bcos.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * BIP-39 mnemonic phrases (English word list) and the BCOS key derived from one.
 *
 * <p>Input phrases are normalised before use: Unicode NFKD, lower case, words separated by single
 * spaces. Valid phrases have 12, 15, 18, 21 or 24 words; {@link #generate} makes 24 (256 bits of
 * entropy).
 */
public final class Mnemonic {
  /** Words in a phrase made by {@link #generate}. */
  public static final int GENERATED_WORDS = 24;

  /** The largest account index ({@link #toKeyPair(String, int)}): SLIP-10 hardened, below 2^31. */
  public static final int MAX_ACCOUNT = Integer.MAX_VALUE;

  private static final int PBKDF2_ITERATIONS = 2048;
  private static final String SLIP10_ED25519_KEY = "ed25519 seed";
  private static final List<String> WORDS = loadWordList();
  private static final Map<String, Integer> INDEX = indexOf(WORDS);

  private Mnemonic() {}

  /** A new 24-word phrase from 256 bits of {@code random}. */
  public static String generate(SecureRandom random) {
    byte[] entropy = new byte[32];
    random.nextBytes(entropy);
    try {
      return fromEntropy(entropy);
    } finally {
      Arrays.fill(entropy, (byte) 0);
    }
  }

  /**
   * The phrase encoding {@code entropy} (16, 20, 24, 28 or 32 bytes) with its checksum.
   *
   * @throws IllegalArgumentException for another entropy length
   */
  public static String fromEntropy(byte[] entropy) {
    int entropyBits = entropy.length * 8;
    if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
      throw new IllegalArgumentException(
          "BIP-39 entropy is 16, 20, 24, 28 or 32 bytes, got " + entropy.length);
    }
    int checksumBits = entropyBits / 32;
    byte[] bits = Arrays.copyOf(entropy, entropy.length + 1);
    bits[entropy.length] = Sha256.hash(entropy).toBytes()[0];
    int wordCount = (entropyBits + checksumBits) / 11;
    List<String> words = new ArrayList<>(wordCount);
    for (int w = 0; w < wordCount; w++) {
      words.add(WORDS.get(readBits(bits, w * 11, 11)));
    }
    Arrays.fill(bits, (byte) 0);
    return String.join(" ", words);
  }

  /**
   * Checks word count, that every word is in the English list, and the checksum.
   *
   * @throws MnemonicException naming the problem (and the unknown word, if any)
   */
  public static void validate(String mnemonic) {
    decode(normalizedWords(mnemonic));
  }

  /**
   * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512 of the normalised phrase, salt "mnemonic" +
   * passphrase (NFKD), 2048 iterations. The phrase is validated first.
   *
   * @throws MnemonicException if the phrase is not valid
   */
  public static byte[] toSeed(String mnemonic, String passphrase) {
    List<String> words = normalizedWords(mnemonic);
    decode(words);
    byte[] password = String.join(" ", words).getBytes(StandardCharsets.UTF_8);
    byte[] salt = ("mnemonic" + nfkd(passphrase)).getBytes(StandardCharsets.UTF_8);
    PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
    pbkdf2.init(password, salt, PBKDF2_ITERATIONS);
    byte[] seed = ((KeyParameter) pbkdf2.generateDerivedParameters(512)).getKey();
    Arrays.fill(password, (byte) 0);
    return seed;
  }

  /**
   * The BCOS account key of a phrase: its account 0 ({@link #toKeyPair(String, int)}), the SLIP-10
   * Ed25519 master key of its BIP-39 seed with an empty passphrase. That is, I =
   * HMAC-SHA512(key = "ed25519 seed", data = toSeed(mnemonic, "")), and the first 32 bytes of I
   * are the RFC 8032 Ed25519 seed. Every key made from words before accounts existed is this one.
   *
   * @throws MnemonicException if the phrase is not valid
   */
  public static Ed25519KeyPair toKeyPair(String mnemonic) {
    return toKeyPair(mnemonic, 0);
  }

  /**
   * Account {@code account} of a phrase: account 0 is the SLIP-10 Ed25519 master key (as {@link
   * #toKeyPair(String)}), account N &ge; 1 its hardened child at path m/N' (SLIP-10 derives only
   * hardened children for Ed25519). One level under the master, so account 0 stays the key every
   * phrase gave before, and any SLIP-10 tool finds account N at m/N'.
   *
   * @throws MnemonicException if the phrase is not valid
   * @throws IllegalArgumentException if {@code account} is negative
   */
  public static Ed25519KeyPair toKeyPair(String mnemonic, int account) {
    if (account < 0) {
      throw new IllegalArgumentException("an account index is 0.." + MAX_ACCOUNT + ": " + account);
    }
    byte[] bip39Seed = toSeed(mnemonic, "");
    byte[] ed25519Seed = account == 0 ? slip10(bip39Seed) : slip10(bip39Seed, account);
    try {
      return Ed25519KeyPair.fromSeed(ed25519Seed);
    } finally {
      Arrays.fill(bip39Seed, (byte) 0);
      Arrays.fill(ed25519Seed, (byte) 0);
    }
  }

  /**
   * The SLIP-10 Ed25519 private key at the hardened path {@code indexes} (each below 2^31; the
   * hardened bit is added here) under the master key of {@code seed}; no indexes: the master key,
   * the first half of HMAC-SHA512("ed25519 seed", seed).
   */
  static byte[] slip10(byte[] seed, int... indexes) {
    byte[] i = hmacSha512(SLIP10_ED25519_KEY.getBytes(StandardCharsets.US_ASCII), seed);
    for (int index : indexes) {
      byte[] data = new byte[37];
      System.arraycopy(i, 0, data, 1, 32);
      int hardened = index | 0x80000000;
      for (int b = 0; b < 4; b++) data[33 + b] = (byte) (hardened >>> (24 - 8 * b));
      byte[] chainCode = Arrays.copyOfRange(i, 32, 64);
      Arrays.fill(i, (byte) 0);
      i = hmacSha512(chainCode, data);
      Arrays.fill(data, (byte) 0);
      Arrays.fill(chainCode, (byte) 0);
    }
    byte[] key = Arrays.copyOf(i, 32);
    Arrays.fill(i, (byte) 0);
    return key;
  }

  private static byte[] hmacSha512(byte[] key, byte[] data) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA512");
      hmac.init(new SecretKeySpec(key, "HmacSHA512"));
      return hmac.doFinal(data);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA512 is missing from this JDK", e);
    }
  }

  /** The English word list, in BIP-39 order. */
  static List<String> wordList() {
    return WORDS;
  }

  private static List<String> normalizedWords(String mnemonic) {
    if (mnemonic == null) {
      throw new MnemonicException("The mnemonic is missing.");
    }
    String normalized = nfkd(mnemonic).toLowerCase(Locale.ROOT).strip();
    return normalized.isEmpty() ? List.of() : List.of(normalized.split("\\s+"));
  }

  /** The entropy of a phrase; throws MnemonicException if the phrase is invalid. */
  private static byte[] decode(List<String> words) {
    int count = words.size();
    if (count < 12 || count > 24 || count % 3 != 0) {
      throw new MnemonicException(
          "A mnemonic has 12, 15, 18, 21 or 24 words, but this one has " + count + ".");
    }
    byte[] bits = new byte[(count * 11 + 7) / 8];
    for (int w = 0; w < count; w++) {
      Integer index = INDEX.get(words.get(w));
      if (index == null) {
        throw new MnemonicException(
            "Word " + (w + 1) + ", \"" + words.get(w) + "\", is not in the BIP-39 English list.");
      }
      writeBits(bits, w * 11, index);
    }
    int checksumBits = count / 3;
    int entropyBytes = (count * 11 - checksumBits) / 8;
    byte[] entropy = Arrays.copyOf(bits, entropyBytes);
    int expected = (Sha256.hash(entropy).toBytes()[0] & 0xff) >>> (8 - checksumBits);
    int actual = readBits(bits, entropyBytes * 8, checksumBits);
    Arrays.fill(bits, (byte) 0);
    if (expected != actual) {
      Arrays.fill(entropy, (byte) 0);
      throw new MnemonicException(
          "The mnemonic's checksum does not match: a word is wrong or words are out of order.");
    }
    return entropy;
  }

  private static int readBits(byte[] bytes, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      value = (value << 1) | ((bytes[i >>> 3] >>> (7 - (i & 7))) & 1);
    }
    return value;
  }

  private static void writeBits(byte[] bytes, int from, int elevenBits) {
    for (int i = 0; i < 11; i++) {
      if (((elevenBits >>> (10 - i)) & 1) != 0) {
        int bit = from + i;
        bytes[bit >>> 3] |= (byte) (0x80 >>> (bit & 7));
      }
    }
  }

  private static String nfkd(String text) {
    return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
  }

  private static List<String> loadWordList() {
    try (InputStream in = Mnemonic.class.getResourceAsStream("bip39-english.txt")) {
      if (in == null) {
        throw new IllegalStateException("bip39-english.txt is missing from bcos-crypto");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      List<String> words = reader.lines().toList();
      if (words.size() != 2048) {
        throw new IllegalStateException("the BIP-39 word list has " + words.size() + " words");
      }
      return words;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Integer> indexOf(List<String> words) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      index.put(words.get(i), i);
    }
    return Map.copyOf(index);
  }
}
