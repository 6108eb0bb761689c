package org.bcos.ledger;

import java.util.ArrayList;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.ledger.coin.api.CoinTransfer;
import org.bcos.ledger.tx.SignatureCheck;
import org.bcos.storage.InMemoryStore;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Hash;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;
import org.bcos.types.tx.TransactionCodec;
import org.bcos.types.tx.TxBody;

/** Shared ledger test fixtures: deterministic keys, a spread-out genesis, signed transfers. */
public final class LedgerFixtures {
  public static final String CHAIN_ID = "bcos-test";
  public static final ChainParams PARAMS = ChainParams.defaults(CHAIN_ID);
  public static final long MIN_FEE = PARAMS.minFeeUnits();
  public static final long GENESIS_TIME = 1_700_000_000_000L;
  /** Validator / proposer key; it holds no genesis allocation. */
  public static final Ed25519KeyPair VALIDATOR = key(1_000);

  private LedgerFixtures() {}

  /** A key pair whose seed is {@code index} in the first 8 bytes (deterministic, distinct). */
  public static Ed25519KeyPair key(int index) {
    byte[] seed = new byte[32];
    for (int i = 0; i < 8; i++) seed[i] = (byte) (index >>> (8 * i));
    seed[31] = 0x5a;
    return Ed25519KeyPair.fromSeed(seed);
  }

  public static List<Ed25519KeyPair> keys(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(key(i));
    return out;
  }

  /** The whole supply spread over {@code holders} (remainder to the first). */
  /** The fixtures' validator bonds 1,000 DDC (its whole allocation). */
  public static final long VALIDATOR_STAKE_UNITS = 1_000 * Amount.UNITS_PER_DDC;

  public static Genesis genesis(List<Ed25519KeyPair> holders) {
    return genesis(PARAMS, holders);
  }

  public static Genesis genesis(ChainParams params, List<Ed25519KeyPair> holders) {
    long spread = Amount.TOTAL_SUPPLY_UNITS - VALIDATOR_STAKE_UNITS;
    long share = spread / holders.size();
    long remainder = spread - share * holders.size();
    List<Genesis.Allocation> allocations = new ArrayList<>();
    for (int i = 0; i < holders.size(); i++) {
      allocations.add(new Genesis.Allocation(holders.get(i).address(),
          i == 0 ? share + remainder : share));
    }
    // the validator's allocation is its stake, all bonded: its balance starts at 0
    allocations.add(new Genesis.Allocation(VALIDATOR.address(), VALIDATOR_STAKE_UNITS));
    return new Genesis(params, GENESIS_TIME,
        List.of(new Genesis.Validator(VALIDATOR.address(), VALIDATOR_STAKE_UNITS)), allocations);
  }

  public static Ledger openInMemory(Genesis genesis) {
    return Ledger.open(new InMemoryStore(), genesis, SignatureCheck.withBestVerifier());
  }

  public static Transaction sign(Ed25519KeyPair key, TxBody body) {
    byte[] digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body)).toBytes();
    return TransactionCodec.assemble(body, key.sign(digest));
  }

  /** Signs any message from {@code from} on the test chain. */
  public static Transaction sign(Ed25519KeyPair from, long nonce, long fee, long expiry,
      Message message) {
    return sign(from, new TxBody(CHAIN_ID, from.address(), nonce, fee, expiry, message));
  }

  /**
   * A fee-free transaction whose proof-of-work stamp shows at least {@code minBits} leading zero
   * bits, or (with {@code atLeast} false) fewer than {@code minBits}: the first stamp from 0 that
   * fits, searched within a bound.
   */
  public static Transaction stamped(Ed25519KeyPair from, long nonce, long expiry, Message message,
      int minBits, boolean atLeast) {
    TxBody body = new TxBody(CHAIN_ID, from.address(), nonce, 0, expiry, message);
    Hash digest = TransactionCodec.signingDigest(TransactionCodec.encodeBody(body));
    byte[] signature = from.sign(digest.toBytes());
    long bound = 1L << Math.min(40, minBits + 12);
    for (long stamp = 0; stamp < bound; stamp++) {
      if ((TransactionCodec.powBits(digest, stamp) >= minBits) == atLeast) {
        return TransactionCodec.assemble(body, signature, stamp);
      }
    }
    throw new IllegalStateException("no stamp within " + bound + " tries");
  }

  public static Transaction transfer(Ed25519KeyPair from, Address to, long amount, long nonce,
      long fee, long expiry) {
    return transfer(CHAIN_ID, from, to, amount, nonce, fee, expiry, "");
  }

  public static Transaction transfer(String chainId, Ed25519KeyPair from, Address to, long amount,
      long nonce, long fee, long expiry, String memo) {
    TxBody body = new TxBody(chainId, from.address(), nonce, fee, expiry,
        new CoinTransfer(to, amount, memo));
    return sign(from, body);
  }

  /** A transaction whose signature is of a different message (does not verify). */
  public static Transaction withBadSignature(Transaction tx) {
    byte[] sig = tx.signature();
    sig[0] ^= 1;
    return TransactionCodec.assemble(tx.body(), sig);
  }
}
