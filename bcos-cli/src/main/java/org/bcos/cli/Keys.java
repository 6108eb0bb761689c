package org.bcos.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.ScryptParams;
import org.bcos.types.Address;
import org.bcos.types.Bech32m;

/** Resolves key names and addresses for commands. */
final class Keys {
  private Keys() {}

  /**
   * An address given as {@code dd1…} (either case, as bech32m allows) or as the name of a local
   * key. A well-formed address of another chain (another bech32 prefix) is named as such
   * ({@code WRONG_CHAIN_ADDRESS}), a mistyped {@code dd1…} says what is wrong with it, and text
   * that can be neither a key name nor an address is {@code INVALID_ADDRESS}.
   */
  static Address resolve(String nameOrAddress) {
    if (nameOrAddress.toLowerCase(Locale.ROOT).startsWith(Address.PREFIX + "1")) {
      return parseAddress(nameOrAddress);
    }
    Keystore keystore = CommonOptions.keystore();
    boolean keyName = Keystore.NAME.matcher(nameOrAddress).matches();
    Optional<Keystore.KeyInfo> key = keyName ? keystore.find(nameOrAddress) : Optional.empty();
    if (key.isPresent()) return key.get().address();
    otherChainPrefix(nameOrAddress).ifPresent(prefix -> {
      throw new CliException("WRONG_CHAIN_ADDRESS", "'" + nameOrAddress + "' is an address of"
          + " another chain (prefix '" + prefix + "'); BCOS addresses start with "
          + Address.PREFIX + "1");
    });
    if (keyName) {
      throw new CliException("KEY_NOT_FOUND", "'" + nameOrAddress + "' is neither a dd1… address"
          + " nor a key in " + keystore.directory() + " (see `bcos key list`)");
    }
    throw new CliException("INVALID_ADDRESS", "'" + nameOrAddress + "' is neither a dd1… address"
        + " nor a key name (key names are lower-case letters, digits, _ and -)");
  }

  private static Address parseAddress(String text) {
    try {
      return Address.parse(text);
    } catch (Bech32m.Bech32mException e) {
      throw new CliException("INVALID_ADDRESS", "invalid address " + text + ": "
          + e.getMessage());
    }
  }

  /**
   * The prefix of {@code text} when it has the shape of another chain's address: bech32 or
   * bech32m of another prefix (bc1…, cosmos1…; the checksum variant is not checked, so Bitcoin's
   * and Cosmos's bech32 are named too), or Ethereum's 0x and 40 hex digits.
   */
  private static Optional<String> otherChainPrefix(String text) {
    if (text.matches("0x[0-9a-fA-F]{40}")) return Optional.of("0x");
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals(text) && !text.toUpperCase(Locale.ROOT).equals(text)) return Optional.empty();
    var bech32 = BECH32_SHAPE.matcher(lower);
    return bech32.matches() ? Optional.of(bech32.group(1)) : Optional.empty();
  }

  /**
   * A human-readable prefix, the separator 1, then 20 or more bech32 characters (so a short key
   * name like "node1" is never taken for an address).
   */
  private static final Pattern BECH32_SHAPE =
      Pattern.compile("([a-z][a-z0-9]{0,82})1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{20,}");

  /** The public part of local key {@code name}, or KEY_NOT_FOUND. */
  static Keystore.KeyInfo info(Keystore keystore, String name) {
    return keystore.find(name).orElseThrow(() -> new CliException("KEY_NOT_FOUND", "no key named '"
        + name + "' in " + keystore.directory() + " (see `bcos key list`)"));
  }

  /**
   * Unlocks a local key. A key marked as a development key opens with its empty passphrase; any
   * other needs its passphrase (file, environment or prompt), and an empty one is refused. A key
   * encrypted at less than today's cost unlocks with a one-line hint to upgrade it.
   */
  static Ed25519KeyPair unlock(String name, Path passphraseFile) {
    Keystore keystore = CommonOptions.keystore();
    Keystore.KeyInfo info = info(keystore, name);
    if (info.devKey()) return keystore.load(name, new char[0]);
    Ed25519KeyPair key = keystore.load(name, Passphrases.forUnlock(passphraseFile, name));
    if (keystore.upgradeAdvised(info)) System.err.println(upgradeHint(info));
    return key;
  }

  /** One line: the key's cost is below today's and how to raise it. */
  static String upgradeHint(Keystore.KeyInfo info) {
    return "hint: key '" + info.name() + "' is encrypted with scrypt " + info.kdf()
        + ", cheaper to attack than new keys (" + ScryptParams.DEFAULT + "); run `bcos key upgrade "
        + info.name() + "` to re-encrypt it";
  }
}
