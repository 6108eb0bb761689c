package org.bcos.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.types.Address;
import org.bcos.types.Hex;

/**
 * Prepares a development chain on first start: a validator key in the data directory, a {@code
 * dev} key in the local keystore (empty passphrase, marked {@code "devKey": true} in its file:
 * DEVELOPMENT ONLY) and a genesis giving the whole supply to it. Later starts reuse all three.
 */
public final class DevChain {
  public static final String CHAIN_ID = "bcos-dev";
  public static final String DEV_KEY_NAME = "dev";

  /** What a dev start needs, and whether anything was created now. */
  public record Prepared(Genesis genesis, Ed25519KeyPair validatorKey, Address devAddress,
      Optional<String> newDevMnemonic, boolean newGenesis) {}

  private DevChain() {}

  public static Prepared prepare(Path dataDir, Keystore keystore) throws IOException {
    Files.createDirectories(dataDir);
    Ed25519KeyPair validator = loadOrCreateValidatorKey(dataDir.resolve("validator.key"));
    DevKey devKey = loadOrCreateDevKey(keystore);
    Optional<String> mnemonic = devKey.newMnemonic();
    Address devAddress = devKey.address();
    Path genesisFile = dataDir.resolve("genesis.json");
    boolean created = false;
    Genesis genesis;
    if (Files.exists(genesisFile)) {
      genesis = GenesisFile.read(genesisFile);
    } else {
      genesis = Genesis.dev(ChainParams.defaults(CHAIN_ID), System.currentTimeMillis(),
          devAddress, validator.address());
      GenesisFile.write(genesis, genesisFile);
      created = true;
    }
    return new Prepared(genesis, validator, devAddress, mnemonic, created);
  }

  /** The {@code dev} key's address, and its 24 words when it was created just now. */
  public record DevKey(Address address, Optional<String> newMnemonic) {}

  /**
   * The keystore's {@code dev} key, created if it is missing: empty passphrase and marked as a
   * development key in its file (DEVELOPMENT ONLY; `bcos key list` shows the mark). A dev key
   * written before the mark existed is marked now if the empty passphrase opens it.
   */
  public static DevKey loadOrCreateDevKey(Keystore keystore) {
    var existing = keystore.find(DEV_KEY_NAME);
    if (existing.isPresent()) {
      Keystore.KeyInfo info = existing.get();
      if (!info.devKey()) info = keystore.adoptDevKey(DEV_KEY_NAME);
      return new DevKey(info.address(), Optional.empty());
    }
    String words = Mnemonic.generate(new SecureRandom());
    Ed25519KeyPair dev = Mnemonic.toKeyPair(words);
    keystore.createDevKey(DEV_KEY_NAME, dev);
    return new DevKey(dev.address(), Optional.of(words));
  }

  /**
   * Reads the validator seed (hex) or creates it, owner-only from the first byte ({@link
   * SecretFile}).
   *
   * @throws SecretFile.SecretFileException if the file is too large, readable by others or
   *     malformed
   */
  public static Ed25519KeyPair loadOrCreateValidatorKey(Path file) throws IOException {
    if (Files.exists(file)) {
      String hex = SecretFile.read(file).trim();
      try {
        return Ed25519KeyPair.fromSeed(Hex.decode(hex));
      } catch (IllegalArgumentException e) {
        throw SecretFile.malformed(file, "expected a 32-byte seed in hex (" + e.getMessage() + ")");
      }
    }
    Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
    SecretFile.writeNew(file, Hex.encode(key.seed()) + "\n");
    return key;
  }
}
