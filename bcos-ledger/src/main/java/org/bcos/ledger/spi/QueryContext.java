package org.bcos.ledger.spi;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.bcos.ledger.state.StateKey;
import org.bcos.ledger.state.WorkingState;
import org.bcos.storage.Column;

/**
 * What a module's queries (its RPC methods) may read: the committed state at the head, never a
 * block in progress. The ledger implements it.
 */
public interface QueryContext {
  /** The chain's modules (what they declare: parameters, message types, reasons). */
  ModuleRegistry modules();

  /** The head's height. */
  long headHeight();

  /** A fresh read view of the committed state (writes through it go nowhere). */
  WorkingState headState();

  /** A module's api over the committed state. */
  <A> A api(Class<A> type);

  /**
   * Committed entries of a state column under {@code prefix}, in key order: at most {@code
   * limit}, and the scan stops there (a caller's limit bounds its cost, not only its answer).
   */
  List<Map.Entry<byte[], byte[]>> stateEntries(Column column, byte[] prefix, int limit);

  /**
   * As {@link #stateEntries(Column, byte[], int)}, starting at the first key under {@code prefix}
   * not less than {@code from} (a page's cursor): the store seeks there.
   */
  List<Map.Entry<byte[], byte[]>> stateEntries(Column column, byte[] prefix, byte[] from,
      int limit);

  /** A committed state entry with its Merkle proof against the head's state root, atomically. */
  StateProof proveState(Column column, byte[] key);

  /**
   * Several committed state entries, each with its proof, all against the same head's state root
   * (read atomically: a block committed meanwhile cannot split the answer across two roots).
   */
  List<StateProof> proveStates(List<StateKey> keys);

  /**
   * The time in the header of the committed block at {@code height} (what a module that stores
   * heights shows as "when": handlers see heights, headers carry times), if that block exists.
   */
  OptionalLong blockTimeMillis(long height);
}
