package org.bcos.cli;

import java.nio.file.Path;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.KeystoreException;
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

  /** Unlocks a local key, trying the non-interactive passphrases before prompting. */
  static Ed25519KeyPair unlock(String name, Path passphraseFile) {
    Keystore keystore = CommonOptions.keystore();
    if (keystore.find(name).isEmpty()) {
      throw new CliException("KEY_NOT_FOUND", "no key named '" + name + "' in "
          + CommonOptions.home().resolve("keys") + " (see `bcos key list`)");
    }
    List<char[]> candidates = Passphrases.forUnlock(passphraseFile, name);
    for (char[] p : candidates) {
      try {
        return keystore.load(name, p);
      } catch (KeystoreException e) {
        if (e.reason() != KeystoreException.Reason.WRONG_PASSPHRASE) throw e;
      }
    }
    if (passphraseFile != null || System.getenv("BCOS_PASSPHRASE") != null) {
      throw new CliException("WRONG_PASSPHRASE", "wrong passphrase for key '" + name + "'");
    }
    return keystore.load(name, Passphrases.prompt(name));
  }
}
