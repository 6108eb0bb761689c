package org.bcos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.ChainParams;
import org.bcos.ledger.Genesis;
import org.bcos.ledger.Ledger;
import org.bcos.ledger.Modules;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.RocksDbStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to execute, seal and commit one block of 10,000 transfers (signatures already verified,
 * as after mempool admission) to new recipients, on RocksDB (synced write) or in memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BlockBuildBenchmark {
  private static final int SENDERS = 100;
  private static final int PER_SENDER = 100;

  @Param({"rocksdb", "memory"})
  public String store;

  private KeyValueStore kv;
  private Path dir;
  private Ledger ledger;
  private List<Ed25519KeyPair> senders;
  private Ed25519KeyPair validator;
  private List<Transaction> next;
  private long round;
  private final Random random = new Random(7);

  @Setup(Level.Trial)
  public void open() throws IOException {
    senders = new ArrayList<>();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      byte[] seed = new byte[32];
      random.nextBytes(seed);
      senders.add(Ed25519KeyPair.fromSeed(seed));
      allocations.add(new Genesis.Allocation(senders.get(i).address(),
          Amount.TOTAL_SUPPLY_UNITS / SENDERS));
    }
    validator = senders.get(0);
    Genesis genesis = new Genesis(ChainParams.defaults("bench"), 0,
        List.of(new Genesis.Validator(validator.address(), Genesis.MIN_STAKE_UNITS)), allocations);
    dir = Files.createTempDirectory("bcos-bench");
    kv = store.equals("rocksdb") ? RocksDbStore.open(dir, Modules.columns()) : new InMemoryStore();
    ledger = Ledger.open(kv, genesis, SignatureCheck.withBestVerifier());
  }

  @Setup(Level.Invocation)
  public void signNextBlock() {
    next = new ArrayList<>(SENDERS * PER_SENDER);
    for (int n = 0; n < PER_SENDER; n++) {
      for (Ed25519KeyPair s : senders) {
        byte[] to = new byte[32];
        random.nextBytes(to);
        TxBody body = new TxBody("bench", s.address(), round * PER_SENDER + n, 10_000,
            10_000_000, new CoinTransfer(Address.wrap(to), 1_000, ""));
        Transaction tx = TransactionCodec.assemble(body,
            s.sign(TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes()));
        ledger.signatures().verify(tx);
        next.add(tx);
      }
    }
    round++;
  }

  @Benchmark
  public int buildBlock() {
    int included = ledger.buildBlock(next, validator, round).block().transactions().size();
    if (included != next.size()) throw new IllegalStateException("skipped transactions");
    return included;
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    kv.close();
  }
}
