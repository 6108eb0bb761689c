package org.bcos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.Mnemonic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bcos key new|import|list|show|upgrade|delete|rename|export}: keys live encrypted under
 * $BCOS_HOME/keys. New
 * keys need a non-empty passphrase; {@code list} and {@code show} mark development keys (empty
 * passphrase) and keys encrypted at less than today's cost, which {@code upgrade} re-encrypts.
 */
@Command(name = "key", description = "Manage local keys (encrypted in $BCOS_HOME/keys)",
    subcommands = {KeyCommand.New.class, KeyCommand.Import.class, KeyCommand.ListKeys.class,
        KeyCommand.Show.class, KeyCommand.Upgrade.class, KeyCommand.Delete.class,
        KeyCommand.Rename.class, KeyCommand.Export.class})
final class KeyCommand {

  @Command(name = "new", description = "Create a key; prints its address and 24-word mnemonic once")
  static final class New implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--name", required = true, description = "key name ([a-z0-9_-], max 32)")
    String name;
    @Option(names = "--passphrase-file", description = "read the passphrase from this file")
    Path passphraseFile;

    @Override
    public Integer call() {
      String words = Mnemonic.generate(new SecureRandom());
      Ed25519KeyPair key = Mnemonic.toKeyPair(words);
      Keystore keystore = CommonOptions.keystore();
      if (keystore.find(name).isPresent()) {
        throw new CliException("ALREADY_EXISTS", "a key named '" + name + "' already exists");
      }
      keystore.create(name, key, Passphrases.forNewKey(passphraseFile));
      ObjectNode out = Output.object().put("name", name).put("address", key.address().toString())
          .put("mnemonic", words);
      if (common.json) {
        Output.json(System.out, out);
      } else {
        System.out.println("name:     " + name);
        System.out.println("address:  " + key.address());
        System.out.println("mnemonic: " + words);
        System.out.println("Write the 24 words down now: they are shown only once and restore the"
            + " key with `bcos key import --name " + name + "` (it asks for them).");
      }
      return 0;
    }
  }

  @Command(name = "import", description = "Restore a key from its 24-word mnemonic (read from"
      + " --mnemonic-file, stdin with --mnemonic-file -, or asked for on a terminal)")
  static final class Import implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--mnemonic-file", paramLabel = "FILE|-", description = "read the words from"
        + " FILE, or from stdin with -")
    String mnemonicFile;
    @Option(names = "--mnemonic", paramLabel = "WORDS", description = "the words, quoted (they"
        + " stay in your shell history: prefer --mnemonic-file or the prompt)")
    String mnemonic;
    @Option(names = "--account", paramLabel = "N", defaultValue = "0", description = "account N"
        + " of the words: 0 (default) is the key every BCOS key made from words is, N >= 1 the"
        + " SLIP-10 child m/N' (a dev chain's devN is account N of the dev key's words)")
    int account;
    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() {
      if (account < 0) {
        throw new CliException("INVALID_ARGUMENT", "--account is 0.." + Mnemonic.MAX_ACCOUNT
            + ", got " + account);
      }
      Ed25519KeyPair key = Mnemonic.toKeyPair(Mnemonics.read(mnemonic, mnemonicFile), account);
      Keystore keystore = CommonOptions.keystore();
      keystore.list().stream().filter(k -> k.address().equals(key.address())).forEach(k ->
          System.err.println("warning: this key is already stored as '" + k.name() + "'; '"
              + name + "' will be a second copy of it"));
      keystore.create(name, key, Passphrases.forNewKey(passphraseFile));
      ObjectNode out = Output.object().put("name", name).put("address", key.address().toString());
      Output.print(common, out);
      return 0;
    }
  }

  /** {@code bcos key delete NAME}: asks first unless {@code --yes}; there is no undo. */
  @Command(name = "delete", description = "Delete a local key (asks first unless --yes; there is"
      + " no undo: keep its mnemonic or an export)")
  static final class Delete implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME", description = "the key to delete") String name;
    @Option(names = "--yes", description = "do not ask") boolean yes;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      Keystore.KeyInfo info = Keys.info(keystore, name);
      if (!yes) Confirm.ask("Delete key '" + name + "' (" + info.address() + ")?");
      keystore.delete(name);
      ObjectNode out = Output.object().put("deleted", name).put("address",
          info.address().toString());
      Output.print(common, out);
      return 0;
    }
  }

  /**
   * {@code bcos key rename OLD NEW}: the name is bound into a key file's encryption, so the key is
   * unlocked (its passphrase is asked) and written anew under NEW before OLD is deleted.
   */
  @Command(name = "rename", description = "Rename a local key (asks its passphrase: the name is"
      + " part of the encrypted file)")
  static final class Rename implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(index = "0", paramLabel = "OLD") String oldName;
    @Parameters(index = "1", paramLabel = "NEW") String newName;
    @Option(names = "--passphrase-file", description = "the key's passphrase (kept)")
    Path passphraseFile;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      Keystore.KeyInfo info = Keys.info(keystore, oldName);
      if (keystore.find(newName).isPresent()) {
        throw new CliException("ALREADY_EXISTS", "a key named '" + newName + "' already exists");
      }
      if (info.devKey()) {
        keystore.createDevKey(newName, keystore.load(oldName, new char[0]));
      } else {
        char[] passphrase = Passphrases.forUnlock(passphraseFile, oldName);
        keystore.create(newName, keystore.load(oldName, passphrase), passphrase);
      }
      keystore.delete(oldName);
      ObjectNode out = Output.object().put("name", newName).put("was", oldName)
          .put("address", info.address().toString());
      Output.print(common, out);
      return 0;
    }
  }

  /**
   * {@code bcos key export NAME}: prints the encrypted key file, a backup as safe as its
   * passphrase. No plaintext export: the mnemonic cannot be recovered from a key file (it is not
   * stored), and a raw secret printed to a terminal ends up in scrollback and logs.
   */
  @Command(name = "export", description = "Print a key's encrypted key file (JSON) as a backup;"
      + " restore it by saving it as $BCOS_HOME/keys/NAME.key under the same name")
  static final class Export implements Callable<Integer> {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      Keys.info(keystore, name);
      System.out.println(keystore.exportText(name).strip());
      return 0;
    }
  }

  @Command(name = "list", description = "List local keys (dev keys and keys to upgrade marked)")
  static final class ListKeys implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      ArrayNode out = Output.array();
      for (Keystore.KeyInfo k : keystore.list()) out.add(describe(keystore, k));
      if (common.json) {
        Output.json(System.out, out);
      } else if (out.isEmpty()) {
        System.out.println("no keys in " + CommonOptions.home().resolve("keys"));
      } else {
        out.forEach(k -> System.out.printf("%-16s %s%s%n", k.get("name").asText(),
            k.get("address").asText(), marks(k)));
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show a key's address, kind and encryption cost")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--words", description = "also print a dev key's 24 words (dev keys keep them"
        + " unencrypted; account N of them is devN): to import it in the web wallet")
    boolean words;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      Keystore.KeyInfo info = Keys.info(keystore, name);
      ObjectNode out = describe(keystore, info);
      if (words) {
        if (!info.devKey()) {
          throw new CliException("NOT_A_DEV_KEY", "key '" + name + "' is protected by a"
              + " passphrase; its words were shown once when it was made and are not kept");
        }
        String kept = keystore.devMnemonic(name).orElseThrow(() -> new CliException(
            "NO_WORDS_KEPT", "dev key '" + name + "' was made before dev keys kept their words;"
                + " delete it and start a new dev chain to get a key with words"));
        out.put("words", kept);
      }
      Output.print(common, out);
      return 0;
    }
  }

  /**
   * {@code bcos key upgrade NAME}: re-encrypts a key under today's scrypt cost (N = 2^18), after
   * its passphrase; the migration for older files, including keys created with an empty
   * passphrase before that was refused (they must get a new, non-empty one).
   */
  @Command(name = "upgrade", description = "Re-encrypt a key at today's scrypt cost (N=2^18);"
      + " asks for its passphrase")
  static final class Upgrade implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--passphrase-file", description = "the key's current passphrase")
    Path passphraseFile;
    @Option(names = "--new-passphrase-file", description = "a new passphrase (required when the"
        + " current one is empty; default: keep the current one)")
    Path newPassphraseFile;

    @Override
    public Integer call() {
      Keystore keystore = CommonOptions.keystore();
      Keystore.KeyInfo before = Keys.info(keystore, name);
      ObjectNode out = Output.object().put("name", name).put("kdfBefore", before.kdf().toString());
      if (before.devKey()) {
        out.put("upgraded", false).put("why", "a dev key has an empty passphrase by design");
      } else {
        char[] current = Passphrases.forUnlock(passphraseFile, name);
        char[] next = newPassphraseFile != null ? Passphrases.fromFile(newPassphraseFile)
            : current.length > 0 ? current : Passphrases.askNew();
        Keystore.KeyInfo after = keystore.upgrade(name, current, next);
        out.put("upgraded", true).put("kdf", after.kdf().toString())
            .put("passphraseChanged", newPassphraseFile != null || current.length == 0);
      }
      out.put("address", before.address().toString());
      Output.print(common, out);
      return 0;
    }
  }

  /** A key's public part as JSON: name, address, devKey, kdf and whether to upgrade it. */
  static ObjectNode describe(Keystore keystore, Keystore.KeyInfo k) {
    return Output.object().put("name", k.name()).put("address", k.address().toString())
        .put("devKey", k.devKey()).put("kdf", k.kdf().toString())
        .put("upgradeAdvised", keystore.upgradeAdvised(k));
  }

  private static String marks(com.fasterxml.jackson.databind.JsonNode k) {
    if (k.get("devKey").asBoolean()) return "  [dev key: empty passphrase, DEVELOPMENT ONLY]";
    if (k.get("upgradeAdvised").asBoolean()) {
      return "  [" + k.get("kdf").asText() + ": run `bcos key upgrade " + k.get("name").asText()
          + "`]";
    }
    return "";
  }
}
