package org.bcos.ledger.coin;

import static org.bcos.ledger.LedgerFixtures.MIN_FEE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.BlockResult;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.LedgerFixtures;
import org.bcos.ledger.Modules;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.coin.api.CoinMultiSend;
import org.bcos.ledger.coin.api.CoinMultiSend.Output;
import org.bcos.ledger.coin.api.CoinRejection;
import org.bcos.ledger.gov.GovModule;
import org.bcos.ledger.spi.Verdict;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.ledger.upgrade.UpgradeChain;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Rejection;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxRejection;
import org.junit.jupiter.api.Test;

/**
 * The coin module's multi-send, the message protocol version 5 ("batch-payments") brings: refused
 * by name before the version with nothing written, final from its first block on; all or nothing;
 * every bad input refused by name; the supply kept; every recipient finds it in its history.
 */
class MultiSendTest {
  private static final long ACTIVATION = 3;
  private static final Ed25519KeyPair ALICE = LedgerFixtures.key(20);
  private static final List<Address> TO = List.of(LedgerFixtures.key(21).address(),
      LedgerFixtures.key(22).address(), LedgerFixtures.key(23).address());

  private static CoinMultiSend pay(long... amounts) {
    List<Output> outputs = new ArrayList<>();
    for (int i = 0; i < amounts.length; i++) outputs.add(new Output(TO.get(i), amounts[i]));
    return new CoinMultiSend(outputs, "payroll");
  }

  @Test
  void refusedByNameBeforeTheUpgradeAndFinalFromItsHeightOn() {
    Genesis genesis = UpgradeChain.genesis(GovModule.GOV_VERSION);
    UpgradeChain chain = new UpgradeChain(UpgradeChain.openNew(genesis));
    Ledger ledger = chain.ledger();
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.include(chain.gov(new UpgradeChain.Schedule("batch-payments",
        CoinMultiSend.SINCE_VERSION, UpgradeChain.RELEASE, ACTIVATION))).block());
    CoinMultiSend send = pay(Amount.UNITS_PER_DDC, 2 * Amount.UNITS_PER_DDC);
    Transaction early = chain.alice(send, 2 * MIN_FEE);

    Verdict atIngress = ledger.processor().checkStateless(early);
    assertEquals(TxRejection.MESSAGE_NOT_ACTIVE, atIngress.rejection());
    assertTrue(atIngress.detail().contains("coin.multiSend comes with protocol version 5"),
        atIngress.detail());
    long aliceBefore = new CoinStore(ledger.headState()).balance(UpgradeChain.ALICE.address());
    BlockResult refused = chain.include(early);
    assertEquals(TxRejection.MESSAGE_NOT_ACTIVE,
        refused.skipped().getFirst().verdict().rejection());
    blocks.add(refused.block());
    assertEquals(emptySecondBlockRoot(genesis), refused.block().header().stateRoot(),
        "the refused multi-send wrote nothing");
    assertEquals(aliceBefore, new CoinStore(ledger.headState()).balance(
        UpgradeChain.ALICE.address()));
    assertFalse(ledger.paramsAt(ACTIVATION - 1).containsKey("maxMultiSendOutputs"));

    BlockResult at = chain.include(chain.alice(send, 2 * MIN_FEE));
    assertTrue(at.skipped().isEmpty(), () -> at.skipped().toString());
    blocks.add(at.block());
    assertEquals(CoinMultiSend.SINCE_VERSION, at.block().header().protocolVersion());
    assertEquals(CoinMultiSend.MAX_OUTPUTS, ledger.paramsAt(ACTIVATION)
        .get("maxMultiSendOutputs"), "brought at the height, at its default");
    CoinStore coins = new CoinStore(ledger.headState());
    assertEquals(Amount.UNITS_PER_DDC, coins.balance(TO.get(0)));
    assertEquals(2 * Amount.UNITS_PER_DDC, coins.balance(TO.get(1)));
    assertEquals(aliceBefore - 3 * Amount.UNITS_PER_DDC - 2 * MIN_FEE,
        coins.balance(UpgradeChain.ALICE.address()));

    Ledger replica = UpgradeChain.open(new InMemoryStore(), genesis, UpgradeChain.NEW_SOFTWARE);
    for (Block b : blocks) replica.importBlock(b);
    assertEquals(ledger.head().hash(), replica.head().hash(), "a replica agrees across H");
  }

  /** The state root of block 2 of the same chain had it been empty. */
  private static org.bcos.types.Hash emptySecondBlockRoot(Genesis genesis) {
    UpgradeChain other = new UpgradeChain(UpgradeChain.openNew(genesis));
    other.include(other.gov(new UpgradeChain.Schedule("batch-payments",
        CoinMultiSend.SINCE_VERSION, UpgradeChain.RELEASE, ACTIVATION)));
    return other.block().block().header().stateRoot();
  }

  @Test
  void paysEveryRecipientAndEachFindsItInItsHistory() {
    InMemoryStore store = new InMemoryStore();
    Ledger ledger = v5(store, LedgerFixtures.PARAMS);
    Transaction tx = LedgerFixtures.sign(ALICE, 0, 3 * MIN_FEE, 100,
        pay(1, Amount.UNITS_PER_DDC, 5 * Amount.UNITS_PER_DDC));
    BlockResult r = ledger.buildBlock(List.of(tx), LedgerFixtures.VALIDATOR,
        LedgerFixtures.GENESIS_TIME + 1_000);
    assertTrue(r.skipped().isEmpty(), () -> r.skipped().toString());
    assertEquals(1, new CoinStore(ledger.headState()).balance(TO.get(0)));
    for (Address a : TO) {
      assertEquals(tx.hash(), ledger.accountTransactions(a, Optional.empty(), 10).entries()
          .getFirst().txHash(), "in the history of " + a);
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));
  }

  @Test
  void everyBadMultiSendIsRefusedByNameAndWritesNothing() {
    ChainParams params = LedgerFixtures.PARAMS.with("maxMultiSendOutputs", 2);
    long all = new CoinStore(v5(new InMemoryStore(), params).headState()).balance(
        ALICE.address());
    List<Output> many = new ArrayList<>();
    for (int i = 0; i < CoinMultiSend.MAX_OUTPUTS + 1; i++) {
      many.add(new Output(LedgerFixtures.key(100 + i).address(), 1));
    }
    List<Case> cases = List.of(
        new Case(new CoinMultiSend(List.of(), ""), MIN_FEE, CoinRejection.NO_OUTPUTS),
        new Case(new CoinMultiSend(many, ""), 41 * MIN_FEE, CoinRejection.TOO_MANY_OUTPUTS),
        new Case(pay(1, 1, 1), 3 * MIN_FEE, CoinRejection.TOO_MANY_OUTPUTS),
        new Case(new CoinMultiSend(List.of(new Output(TO.get(0), 1), new Output(TO.get(0), 2)),
            ""), 2 * MIN_FEE, CoinRejection.DUPLICATE_RECIPIENT),
        new Case(pay(1, 0), 2 * MIN_FEE, CoinRejection.AMOUNT_NOT_POSITIVE),
        new Case(new CoinMultiSend(List.of(new Output(ALICE.address(), 1)), ""), MIN_FEE,
            CoinRejection.SELF_TRANSFER),
        new Case(new CoinMultiSend(List.of(new Output(TO.get(0), 1)), "x".repeat(257)), MIN_FEE,
            CoinRejection.MEMO_TOO_LONG),
        new Case(pay(Long.MAX_VALUE, 1), 2 * MIN_FEE, CoinRejection.AMOUNT_OVERFLOW),
        new Case(pay(Long.MAX_VALUE - 1), MIN_FEE, CoinRejection.AMOUNT_OVERFLOW),
        new Case(pay(all / 2, all / 2), 2 * MIN_FEE, TxRejection.INSUFFICIENT_BALANCE),
        new Case(pay(1, 1), MIN_FEE, TxRejection.FEE_TOO_LOW));
    long time = LedgerFixtures.GENESIS_TIME + 1_000;
    for (Case c : cases) {
      InMemoryStore store = new InMemoryStore();
      Ledger ledger = v5(store, params);
      Transaction tx = LedgerFixtures.sign(ALICE, 0, c.fee(), 100, c.send());
      BlockResult r = ledger.buildBlock(List.of(tx), LedgerFixtures.VALIDATOR, time);
      assertEquals(1, r.skipped().size(), c.toString());
      assertEquals(c.reason(), r.skipped().getFirst().verdict().rejection(), c.toString());
      BlockResult empty = v5(new InMemoryStore(), params).buildBlock(List.of(),
          LedgerFixtures.VALIDATOR, time);
      assertEquals(empty.block().header().stateRoot(), r.block().header().stateRoot(),
          "nothing written: " + c.reason() + " " + c.send().outputs().size() + " outputs");
      assertEquals(all, new CoinStore(ledger.headState()).balance(ALICE.address()));
      assertEquals(Amount.TOTAL_SUPPLY_UNITS, Modules.supplyInvariant().total(store));
    }
  }

  @Test
  void fortyOutputsFitInATransactionWithTheLongestChainIdAndMemo() {
    List<Output> outputs = new ArrayList<>();
    for (int i = 0; i < CoinMultiSend.MAX_OUTPUTS; i++) {
      outputs.add(new Output(LedgerFixtures.key(200 + i).address(), Long.MAX_VALUE));
    }
    CoinMultiSend send = new CoinMultiSend(outputs, "é".repeat(128));
    Transaction tx = LedgerFixtures.sign(ALICE, new org.bcos.types.tx.TxBody("c".repeat(32),
        ALICE.address(), Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, send));
    assertTrue(tx.encodedSize() <= Transaction.MAX_ENCODED_BYTES, tx.encodedSize() + " bytes");
    assertEquals(tx, Modules.decodeTransaction(tx.encoded()));
    assertEquals(40 * MIN_FEE, Modules.minFeeUnits(send, MIN_FEE), "the minimum per output");
  }

  @Test
  void theWireFormatIsTheDocumentedOneAndDecodesStrictly() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    java.util.Arrays.fill(a, (byte) 0x11);
    java.util.Arrays.fill(b, (byte) 0x22);
    CoinMultiSend send = new CoinMultiSend(List.of(new Output(Address.wrap(a), 150_000_000),
        new Output(Address.wrap(b), 1)), "hi");
    org.bcos.types.codec.Encoder e = new org.bcos.types.codec.Encoder().u8(send.tag());
    send.encodeFields(e);
    String hex = org.bcos.types.Hex.encode(e.toByteArray());
    assertEquals("02" + "02" + "11".repeat(32) + "0000000008f0d180" + "22".repeat(32)
        + "0000000000000001" + "02" + "6869", hex);
    assertEquals(send, decode(hex));
    // a count no transaction can hold, a truncated output, a trailing byte: malformed
    String tooMany = "02" + "34" + "11".repeat(40 * 52) + "00";
    for (String bad : List.of(tooMany, hex.substring(0, 80), hex + "00")) {
      org.junit.jupiter.api.Assertions.assertThrows(org.bcos.types.codec.CodecException.class,
          () -> decode(bad));
    }
  }

  private static org.bcos.types.tx.Message decode(String hex) {
    byte[] bytes = org.bcos.types.Hex.decode(hex);
    org.bcos.types.codec.Decoder d = new org.bcos.types.codec.Decoder(
        java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
    org.bcos.types.tx.Message m = Modules.STANDARD.decode(bytes[0] & 0xff, d);
    d.finish();
    return m;
  }

  private record Case(CoinMultiSend send, long fee, Rejection reason) {}

  private static Ledger v5(InMemoryStore store, ChainParams params) {
    Genesis genesis = LedgerFixtures.genesis(params, List.of(ALICE)).atProtocolVersion(
        CoinMultiSend.SINCE_VERSION);
    return Ledger.open(store, genesis, SignatureCheck.withBestVerifier(),
        org.bcos.ledger.stake.api.EvidenceCheck.NONE, new org.bcos.ledger.TestCommits());
  }
}
