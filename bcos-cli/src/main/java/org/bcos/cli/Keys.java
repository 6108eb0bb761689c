package org.bcos.cli;

import java.nio.file.Path;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.ScryptParams;
import org.bcos.types.Address;
import org.bcos.types.Bech32m;

/** Resolves key names and addresses for commands. */
final class Keys {
  private Keys() {}

  /** An address given as {@code dd1…} or as the name of a local key. */
  static Address resolve(String nameOrAddress) {
    if (nameOrAddress.startsWith(Address.PREFIX + "1")) {
      try {
        return Address.parse(nameOrAddress);
      } catch (Bech32m.Bech32mException e) {
        throw new CliException("INVALID_ADDRESS", "invalid address " + nameOrAddress + ": "
            + e.getMessage());
      }
    }
    return CommonOptions.keystore().find(nameOrAddress)
        .orElseThrow(() -> new CliException("KEY_NOT_FOUND", "'" + nameOrAddress
            + "' is neither a dd1… address nor a key in " + CommonOptions.home().resolve("keys")))
        .address();
  }

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
