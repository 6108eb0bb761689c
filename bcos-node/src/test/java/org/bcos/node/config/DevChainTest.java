package org.bcos.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.Keystore;
import org.bcos.crypto.Mnemonic;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Genesis.Allocation;
import org.bcos.node.config.DevChain.DevAccount;
import org.bcos.node.config.DevChain.DevAccounts;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevChainTest {
  private static final long EACH = 250 * Amount.UNITS_PER_DDC;

  @TempDir Path root;

  private Keystore keystore() {
    return new Keystore(root.resolve("keys"));
  }

  @Test
  void newChainFundsDevAccountsDerivedFromTheDevWordsAndDevKeepsTheRest() throws Exception {
    Keystore keystore = keystore();
    DevChain.Prepared prepared = DevChain.prepare(root.resolve("data"), keystore,
        new DevAccounts(3, EACH));

    String words = prepared.newDevMnemonic().orElseThrow();
    assertTrue(prepared.newGenesis());
    assertEquals(List.of("dev", "dev1", "dev2", "dev3"),
        prepared.accounts().stream().map(DevAccount::name).toList());
    for (int i = 1; i <= 3; i++) {
      Ed25519KeyPair expected = Mnemonic.toKeyPair(words, i);
      Keystore.KeyInfo info = keystore.find("dev" + i).orElseThrow();
      assertTrue(info.devKey(), info.toString());
      assertEquals(expected.address(), info.address());
      assertEquals(expected, keystore.load("dev" + i, new char[0]));
      assertEquals(EACH, allocated(prepared.genesis(), expected.address()));
    }
    // dev operates the validator: its allocation holds the validator's stake, bonded at genesis
    long devUnits = allocated(prepared.genesis(), prepared.devAddress());
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - 3 * EACH - Genesis.DEV_REWARD_POOL_UNITS, devUnits);
    Genesis.Validator validator = prepared.genesis().validators().getFirst();
    assertEquals(prepared.validatorKey().address(), validator.address());
    assertEquals(prepared.devAddress(), validator.operator());
    assertEquals(0, allocated(prepared.genesis(), validator.address()));
    long total = prepared.genesis().allocations().stream().mapToLong(Allocation::units).sum();
    // the reward pool is the rest of the supply: exactly 50 bn DDC in all
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_REWARD_POOL_UNITS, total);
    assertEquals(Optional.of(new Genesis.Staking(Genesis.DEV_REWARD_POOL_UNITS)),
        prepared.genesis().staking());
    assertEquals(Optional.of(words), keystore.devMnemonic("dev"));
    assertEquals(org.bcos.ledger.Modules.VERSIONS.latest().version(),
        prepared.genesis().protocolVersion(), "every module of this release, notary included");
    assertTrue(org.bcos.ledger.Modules.VERSIONS.latest().isActive("notary"));
  }

  @Test
  void restartKeepsTheGenesisAndMakesNoKeysWhateverTheOptions() throws Exception {
    Path data = root.resolve("data");
    DevChain.Prepared first = DevChain.prepare(data, keystore(), new DevAccounts(2, EACH));
    String genesisText = Files.readString(data.resolve("genesis.json"));

    DevChain.Prepared again = DevChain.prepare(data, keystore(), new DevAccounts(5, 2 * EACH));

    assertFalse(again.newGenesis());
    assertEquals(Optional.empty(), again.newDevMnemonic());
    assertEquals(first.genesis(), again.genesis());
    assertEquals(genesisText, Files.readString(data.resolve("genesis.json")));
    assertEquals(first.accounts(), again.accounts());
    assertEquals(3, keystore().list().size(), "dev, dev1, dev2 only");
  }

  @Test
  void aSecondChainReusesTheAccountsAndMakesOnlyTheMissingOnes() throws Exception {
    DevChain.Prepared first = DevChain.prepare(root.resolve("a"), keystore(),
        new DevAccounts(2, EACH));
    DevChain.Prepared second = DevChain.prepare(root.resolve("b"), keystore(),
        new DevAccounts(4, EACH));

    assertEquals(first.accounts(), second.accounts().subList(0, 3));
    assertEquals(List.of("dev", "dev1", "dev2", "dev3", "dev4"),
        second.accounts().stream().map(DevAccount::name).toList());
  }

  @Test
  void aKeyNamedLikeADevAccountThatIsAnotherKeyIsRefusedBeforeAnythingIsWritten()
      throws Exception {
    Keystore keystore = keystore();
    DevChain.loadOrCreateDevKey(keystore);
    Ed25519KeyPair stranger = Ed25519KeyPair.generate(new SecureRandom());
    keystore.createDevKey("dev2", stranger);
    Path data = root.resolve("data");

    DevChain.AccountConflictException e = assertThrows(DevChain.AccountConflictException.class,
        () -> DevChain.prepare(data, keystore, new DevAccounts(3, EACH)));

    assertTrue(e.getMessage().contains("'dev2'"), e.getMessage());
    assertFalse(Files.exists(data.resolve("genesis.json")));
    assertEquals(Optional.empty(), keystore.find("dev1"), "no account written before the check");
  }

  @Test
  void aDevKeyWithoutItsWordsGetsNoAccountsAndANote() throws Exception {
    Keystore keystore = keystore();
    Ed25519KeyPair old = Ed25519KeyPair.generate(new SecureRandom());
    keystore.createDevKey("dev", old);

    DevChain.Prepared prepared = DevChain.prepare(root.resolve("data"), keystore,
        DevAccounts.DEFAULT);

    assertEquals(List.of(new DevAccount("dev", old.address())), prepared.accounts());
    assertEquals(1, prepared.notes().size());
    assertTrue(prepared.notes().getFirst().contains("bcos key delete dev"));
    assertEquals(Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_REWARD_POOL_UNITS,
        allocated(prepared.genesis(), old.address()), "the rest, the validator's stake included");
  }

  @Test
  void noAccountsGivesTheDevGenesisAtTheNewestVersionWithTheRewardPool() throws Exception {
    DevChain.Prepared prepared = DevChain.prepare(root.resolve("data"), keystore(),
        DevAccounts.NONE);
    Genesis expected = Genesis.devOperated(prepared.genesis().params(),
        prepared.genesis().timeMillis(), prepared.devAddress(), prepared.validatorKey().address(),
        List.of())
        .atProtocolVersion(org.bcos.ledger.Modules.VERSIONS.latest().version())
        .withRewardPool(prepared.devAddress(), Genesis.DEV_REWARD_POOL_UNITS);
    assertEquals(expected, prepared.genesis(),
        "at the newest version (staking, gov, multi-send and DVS indexes from genesis)");
    assertEquals(org.bcos.ledger.dvs.DvsSchema.INDEXES_VERSION,
        prepared.genesis().protocolVersion(),
        "staking, gov, batch payments and the DVS indexes (the newest version, 6)");
  }

  @Test
  void accountCountAndBalanceAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new DevAccounts(-1, EACH));
    assertThrows(IllegalArgumentException.class,
        () -> new DevAccounts(DevAccounts.MAX_COUNT + 1, EACH));
    assertThrows(IllegalArgumentException.class, () -> new DevAccounts(1, 0));
    long spendable = Amount.TOTAL_SUPPLY_UNITS - Genesis.DEV_STAKE_UNITS
        - Genesis.DEV_REWARD_POOL_UNITS - Amount.UNITS_PER_DDC;
    new DevAccounts(DevAccounts.MAX_COUNT, spendable / DevAccounts.MAX_COUNT);
    IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class,
        () -> new DevAccounts(DevAccounts.MAX_COUNT, spendable / DevAccounts.MAX_COUNT + 1));
    assertTrue(tooMuch.getMessage().contains("--dev-balance"), tooMuch.getMessage());
  }

  private static long allocated(Genesis genesis, Address address) {
    return genesis.allocations().stream().filter(a -> a.address().equals(address))
        .mapToLong(Allocation::units).sum();
  }

  @Test
  void aNewChainStartsWithTheGivenParametersAndAnExistingOneKeepsItsGenesis() throws Exception {
    Path data = root.resolve("params");
    ChainParams params = ChainParams.defaults(DevChain.CHAIN_ID).with("govVotingPeriodBlocks", 30);
    DevChain.Prepared made = DevChain.prepare(data, keystore(), DevAccounts.NONE, params);
    assertEquals(30, made.genesis().params().value("govVotingPeriodBlocks"));
    assertEquals(made.genesis(), GenesisFile.read(data.resolve("genesis.json")));
    DevChain.Prepared again = DevChain.prepare(data, keystore(), DevAccounts.NONE,
        ChainParams.defaults(DevChain.CHAIN_ID));
    assertEquals(made.genesis(), again.genesis(), "an existing chain keeps its genesis");
  }
}
