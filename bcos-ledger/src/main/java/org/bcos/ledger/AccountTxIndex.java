package org.bcos.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bcos.ledger.block.Block;
import org.bcos.ledger.spi.MessageType;
import org.bcos.ledger.spi.ModuleRegistry;
import org.bcos.ledger.state.ChainSchema;
import org.bcos.storage.KeyValueStore;
import org.bcos.storage.WriteBatch;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.bcos.types.tx.Transaction;

/**
 * The index of final transactions by account ({@link ChainSchema#ACCOUNT_TXS}): each transaction
 * under its sender and under the counterparties its message names (a transfer's recipient). A
 * chain column, not state: it changes no state root. Keys are {@code address | (2^63-1 - height) |
 * (2^32-1 - index)} (big-endian u64, u32), so a forward scan lists an account's transactions newest
 * first and a page's cursor is a key to seek to; the value is the transaction hash.
 */
public final class AccountTxIndex {
  /** Largest page one read returns. */
  public static final int MAX_PAGE = 1_000;

  private static final long MAX_U32 = 0xffffffffL;

  private AccountTxIndex() {}

  /** A position in an account's history: transaction {@code index} of block {@code height}. */
  public record Position(long height, int index) {
    public Position {
      if (height < 0 || index < 0) throw new IllegalArgumentException("negative position");
    }

    /** The position as 12 bytes (u64 height | u32 index): a page cursor. */
    public byte[] encode() {
      return new Encoder(12).u64(height).u32(index).toByteArray();
    }

    /** A position from {@link #encode}; anything else is an IllegalArgumentException. */
    public static Position decode(byte[] raw) {
      if (raw.length != 12) throw new IllegalArgumentException("a position is 12 bytes");
      Decoder d = new Decoder(raw);
      long height = d.u64();
      long index = d.u32();
      if (index > Integer.MAX_VALUE) throw new IllegalArgumentException("index out of range");
      return new Position(height, (int) index);
    }
  }

  /** One indexed transaction. */
  public record Entry(Position position, Hash txHash) {}

  /** A page of history, newest first, and where the next page starts (empty at the end). */
  public record Page(List<Entry> entries, Optional<Position> next) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /** Adds the index entries of {@code block}'s transactions to {@code batch}. */
  static void index(WriteBatch batch, Block block, ModuleRegistry modules) {
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      byte[] hash = tx.hash().toBytes();
      for (Address a : accountsOf(tx, modules)) {
        batch.put(ChainSchema.ACCOUNT_TXS, key(a, new Position(block.height(), i)), hash);
      }
    }
  }

  /** The sender, then each counterparty its message's handler names, once each. */
  static Set<Address> accountsOf(Transaction tx, ModuleRegistry modules) {
    Set<Address> out = new LinkedHashSet<>();
    out.add(tx.sender());
    modules.typeOf(tx.message()).ifPresent(t -> out.addAll(counterparties(t, tx.message())));
    return out;
  }

  private static <M extends Message> List<Address> counterparties(MessageType<M> t, Message m) {
    return t.handler().counterparties(t.cast(m));
  }

  /**
   * Up to {@code limit} (1..{@link #MAX_PAGE}) transactions of {@code account}, newest first,
   * starting at {@code from} (inclusive) or at the newest.
   */
  static Page page(KeyValueStore store, Address account, Optional<Position> from, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be in 1.." + MAX_PAGE);
    }
    byte[] prefix = account.toBytes();
    byte[] start = from.map(p -> key(account, p)).orElse(prefix);
    List<Entry> out = new ArrayList<>();
    Position[] next = new Position[1];
    try {
      store.forEachFrom(ChainSchema.ACCOUNT_TXS, prefix, start, (k, v) -> {
        Position p = position(k);
        if (out.size() == limit) {
          next[0] = p;
          throw PageFull.INSTANCE;
        }
        out.add(new Entry(p, Hash.wrap(v)));
      });
    } catch (PageFull full) {
      // one entry past the page was seen: it is where the next page starts
    }
    return new Page(out, Optional.ofNullable(next[0]));
  }

  static byte[] key(Address account, Position p) {
    return new Encoder(44).address(account).u64(Long.MAX_VALUE - p.height())
        .u32(MAX_U32 - p.index())
        .toByteArray();
  }

  private static Position position(byte[] key) {
    Decoder d = new Decoder(key);
    d.address();
    long height = Long.MAX_VALUE - d.u64();
    int index = (int) (MAX_U32 - d.u32());
    return new Position(height, index);
  }

  /** Ends a scan at a full page; carries no stack trace (it is control flow, not an error). */
  private static final class PageFull extends RuntimeException {
    static final PageFull INSTANCE = new PageFull();

    private PageFull() {
      super(null, null, false, false);
    }
  }
}
