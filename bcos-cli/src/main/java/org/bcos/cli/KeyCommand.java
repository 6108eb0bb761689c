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

/** {@code bcos key new|import|list|show}: keys live encrypted under $BCOS_HOME/keys. */
@Command(name = "key", description = "Manage local keys (encrypted in $BCOS_HOME/keys)",
    subcommands = {KeyCommand.New.class, KeyCommand.Import.class, KeyCommand.ListKeys.class,
        KeyCommand.Show.class})
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
            + " key with `bcos key import --name " + name + " --mnemonic \"...\"`.");
      }
      return 0;
    }
  }

  @Command(name = "import", description = "Restore a key from its 24-word mnemonic")
  static final class Import implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Option(names = "--name", required = true) String name;
    @Option(names = "--mnemonic", required = true, description = "the words, quoted")
    String mnemonic;
    @Option(names = "--passphrase-file") Path passphraseFile;

    @Override
    public Integer call() {
      Ed25519KeyPair key = Mnemonic.toKeyPair(mnemonic.trim());
      CommonOptions.keystore().create(name, key, Passphrases.forNewKey(passphraseFile));
      ObjectNode out = Output.object().put("name", name).put("address", key.address().toString());
      if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
      return 0;
    }
  }

  @Command(name = "list", description = "List local keys")
  static final class ListKeys implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      ArrayNode out = Output.JSON.createArrayNode();
      for (Keystore.KeyInfo k : CommonOptions.keystore().list()) {
        out.addObject().put("name", k.name()).put("address", k.address().toString());
      }
      if (common.json) {
        Output.json(System.out, out);
      } else if (out.isEmpty()) {
        System.out.println("no keys in " + CommonOptions.home().resolve("keys"));
      } else {
        out.forEach(k -> System.out.printf("%-16s %s%n", k.get("name").asText(),
            k.get("address").asText()));
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show a key's address")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      Keystore.KeyInfo k = CommonOptions.keystore().find(name).orElseThrow(
          () -> new CliException("KEY_NOT_FOUND", "no key named '" + name + "'"));
      ObjectNode out = Output.object().put("name", k.name()).put("address", k.address().toString());
      if (common.json) Output.json(System.out, out); else Output.human(System.out, out);
      return 0;
    }
  }
}
