package org.bcos.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Genesis.Allocation;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hex;

/**
 * Prepares a development chain on first start: a validator key in the data directory, a {@code
 * dev} key in the local keystore (empty passphrase, marked {@code "devKey": true} in its file:
 * DEVELOPMENT ONLY), further funded dev accounts {@code dev1..devN} derived from the dev key's
 * words (SLIP-10 account N, so {@code bcos key import --account N} of those words gives the same
 * key) and a genesis funding them and giving the rest of the supply to {@code dev}. Later starts
 * reuse all of it: a genesis, once written, is never changed.
 */
public final class DevChain {
  public static final String CHAIN_ID = "bcos-dev";
  public static final String DEV_KEY_NAME = "dev";

  /** A local key funded in the dev genesis: its name and address. */
  public record DevAccount(String name, Address address) {}

  /**
   * What a dev start needs, and whether anything was created now: {@code accounts} are the local
   * keys the genesis funds ({@code dev} first), {@code notes} what the user should know (options
   * that did not apply, accounts that could not be made).
   */
  public record Prepared(Genesis genesis, Ed25519KeyPair validatorKey, Address devAddress,
      Optional<String> newDevMnemonic, boolean newGenesis, List<DevAccount> accounts,
      List<String> notes) {}

  /**
   * How many funded accounts a new dev chain gets besides {@code dev} (named {@code dev1} ..
   * {@code devN}: the number is the account index of the dev key's words) and the balance of each.
   */
  public record DevAccounts(int count, long unitsEach) {
    /** Most accounts besides dev. */
    public static final int MAX_COUNT = 100;
    /** Nine besides dev: ten funded accounts, as anvil starts with. */
    public static final int DEFAULT_COUNT = 9;
    /** 10,000 DDC each (anvil gives 10,000 ETH); dev keeps the rest of the supply. */
    public static final long DEFAULT_UNITS_EACH = 10_000 * Amount.UNITS_PER_DDC;
    public static final DevAccounts DEFAULT = new DevAccounts(DEFAULT_COUNT, DEFAULT_UNITS_EACH);
    /** Only the dev key. */
    public static final DevAccounts NONE = new DevAccounts(0, DEFAULT_UNITS_EACH);

    /**
     * Checks the ranges: 0..{@value #MAX_COUNT} accounts, a positive balance, and all of them
     * together leaving dev at least 1 DDC after the validator's stake and the reward pool.
     */
    public DevAccounts {
      if (count < 0 || count > MAX_COUNT) {
        throw new IllegalArgumentException("--dev-accounts must be 0.." + MAX_COUNT + " (accounts"
            + " besides dev), got " + count);
      }
      long spendable = Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_STAKE_UNITS
          - Genesis.DEV_REWARD_POOL_UNITS - Amount.UNITS_PER_DDC;
      if (unitsEach <= 0 || unitsEach > spendable / Math.max(1, count)) {
        throw new IllegalArgumentException("--dev-balance must be more than 0 and at most "
            + Amount.format(spendable / Math.max(1, count)) + " DDC for " + count + " accounts"
            + " (dev keeps the rest of the supply), got " + Amount.format(unitsEach) + " DDC");
      }
    }

    /** The key name of account {@code index} (1..count). */
    public static String name(int index) {
      return DEV_KEY_NAME + index;
    }
  }

  /**
   * A key that would be a dev account exists and is another key (not the account the dev key's
   * words give at that index): nothing was written.
   */
  public static final class AccountConflictException extends RuntimeException {
    AccountConflictException(String message) {
      super(message);
    }
  }

  private DevChain() {}

  /**
   * Loads or creates the dev chain in {@code dataDir}; {@code accounts} applies only when its
   * genesis is created now.
   *
   * @throws AccountConflictException if a key named like a dev account is another key
   */
  public static Prepared prepare(Path dataDir, Keystore keystore, DevAccounts accounts)
      throws IOException {
    return prepare(dataDir, keystore, accounts, ChainParams.defaults(CHAIN_ID));
  }

  /**
   * As {@link #prepare(Path, Keystore, DevAccounts)}, a new chain starting with {@code params}
   * (checked by the caller against the newest version's parameters and bounds; an existing chain
   * keeps its genesis).
   */
  public static Prepared prepare(Path dataDir, Keystore keystore, DevAccounts accounts,
      ChainParams params) throws IOException {
    Files.createDirectories(dataDir);
    Ed25519KeyPair validator = loadOrCreateValidatorKey(dataDir.resolve("validator.key"));
    DevKey devKey = loadOrCreateDevKey(keystore);
    Path genesisFile = dataDir.resolve("genesis.json");
    List<String> notes = new ArrayList<>();
    if (Files.exists(genesisFile)) {
      Genesis genesis = GenesisFile.read(genesisFile);
      return new Prepared(genesis, validator, devKey.address(), devKey.newMnemonic(), false,
          fundedKeys(genesis, keystore), notes);
    }
    List<Allocation> funded = new ArrayList<>();
    for (DevAccount a : makeAccounts(keystore, accounts.count(), notes)) {
      funded.add(new Allocation(a.address(), accounts.unitsEach()));
    }
    // the dev key operates the validator, so a local key can edit it and vote as its operator
    Genesis genesis = newestRules(Genesis.devOperated(params,
        System.currentTimeMillis(), devKey.address(), validator.address(), funded),
        devKey.address());
    GenesisFile.write(genesis, genesisFile);
    return new Prepared(genesis, validator, devKey.address(), devKey.newMnemonic(), true,
        fundedKeys(genesis, keystore), notes);
  }

  /**
   * {@code genesis} at the newest protocol version this release ships (a new dev chain or
   * testnet has every module, staking included) with, under staking, the reward pool {@link
   * Genesis#DEV_REWARD_POOL_UNITS} taken from {@code dev}'s share (docs/GOVERNANCE.md "Staking
   * from the CLI and RPC").
   */
  public static Genesis newestRules(Genesis genesis, Address dev) {
    return atRules(genesis, dev, org.bcos.ledger.Modules.VERSIONS.latest().version());
  }

  /**
   * {@code genesis} at protocol {@code version} with, from staking on, the reward pool taken
   * from {@code dev}'s share as {@link #newestRules} does ({@code bcos testnet init
   * --protocol-version}).
   */
  public static Genesis atRules(Genesis genesis, Address dev, int version) {
    Genesis at = genesis.atProtocolVersion(version);
    return version >= org.bcos.ledger.stake.StakeModule.STAKING_VERSION
        ? at.withRewardPool(dev, Genesis.DEV_REWARD_POOL_UNITS) : at;
  }

  /**
   * Accounts dev1..dev{@code count} from the dev key's words: an existing key of that name is
   * kept if it is that account, refused if it is another key; missing ones are created as dev
   * keys. Every name is checked before any key is written. A dev key that does not keep its words
   * (made before they were kept) gives none, with a note saying so.
   */
  private static List<DevAccount> makeAccounts(Keystore keystore, int count, List<String> notes) {
    if (count == 0) return List.of();
    Optional<String> words = keystore.devMnemonic(DEV_KEY_NAME);
    if (words.isEmpty()) {
      notes.add("no dev accounts besides 'dev': the dev key was made before they existed and does"
          + " not keep its words; to get them, delete it (bcos key delete dev) and start a new dev"
          + " chain (another --data directory, or delete this one)");
      return List.of();
    }
    List<Ed25519KeyPair> keys = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Ed25519KeyPair key = Mnemonic.toKeyPair(words.get(), i);
      String name = DevAccounts.name(i);
      keystore.find(name).filter(k -> !k.address().equals(key.address())).ifPresent(k -> {
        throw new AccountConflictException("key '" + name + "' (" + k.address() + ") is not dev"
            + " account " + name.substring(DEV_KEY_NAME.length()) + " of the dev key's words ("
            + key.address() + "); rename or delete it (bcos key rename|delete " + name
            + "), or start with fewer --dev-accounts");
      });
      keys.add(key);
    }
    List<DevAccount> made = new ArrayList<>();
    List<Runnable> writes = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      String name = DevAccounts.name(i);
      Ed25519KeyPair key = keys.get(i - 1);
      if (keystore.find(name).isEmpty()) writes.add(() -> keystore.createDevKey(name, key));
      made.add(new DevAccount(name, key.address()));
    }
    runTwoAtATime(writes);
    return made;
  }

  /**
   * Runs the key writes on two threads: each is one scrypt at the floor cost (32 MiB, ~0.1 s on
   * an idle core), so nine accounts take half the time, and the memory two at once need fits the
   * smallest heap a node runs with (256 MiB).
   */
  private static void runTwoAtATime(List<Runnable> writes) {
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (Runnable write : writes) done.add(pool.submit(write));
      for (var f : done) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) throw r;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while writing dev account keys", e);
        }
      }
    }
  }

  /**
   * The local keys that the genesis funds, {@code dev} first, then dev1, dev2, …, then any other
   * (validators excluded): what the node prints at start.
   */
  public static List<DevAccount> fundedKeys(Genesis genesis, Keystore keystore) {
    Set<Address> funded = new HashSet<>();
    for (Allocation a : genesis.allocations()) {
      if (!genesis.isValidator(a.address())) funded.add(a.address());
    }
    List<DevAccount> found = new ArrayList<>();
    for (Keystore.KeyInfo k : keystore.list()) {
      if (funded.contains(k.address())) found.add(new DevAccount(k.name(), k.address()));
    }
    found.sort(Comparator.comparingInt(DevChain::devIndex).thenComparing(DevAccount::name));
    return List.copyOf(found);
  }

  /** 0 for dev, N for devN, else after them all. */
  private static int devIndex(DevAccount account) {
    String name = account.name();
    if (name.equals(DEV_KEY_NAME)) return 0;
    String rest = name.startsWith(DEV_KEY_NAME) ? name.substring(DEV_KEY_NAME.length()) : "";
    return rest.matches("[1-9][0-9]{0,2}") ? Integer.parseInt(rest) : Integer.MAX_VALUE;
  }

  /** The {@code dev} key's address, and its 24 words when it was created just now. */
  public record DevKey(Address address, Optional<String> newMnemonic) {}

  /**
   * The keystore's {@code dev} key, created if it is missing: empty passphrase and marked as a
   * development key in its file (DEVELOPMENT ONLY; `bcos key list` shows the mark), keeping its
   * words for the dev accounts. A dev key written before the mark existed is marked now if the
   * empty passphrase opens it.
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
    keystore.createDevKey(DEV_KEY_NAME, dev, words);
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
