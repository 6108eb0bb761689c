package org.bcos.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of puts and deletes that a {@link KeyValueStore} applies atomically in {@link
 * KeyValueStore#commit}. Operations keep their order, so for the same column and key the last one
 * wins. Keys and values are copied on entry: the caller may reuse its arrays. Not thread-safe.
 */
public final class WriteBatch {
  /** Receives the operations of a batch in order; see {@link #replay}. */
  public interface Visitor {
    void put(Column column, byte[] key, byte[] value);

    void delete(Column column, byte[] key);
  }

  /** One operation; {@code value == null} means delete. */
  private record Operation(Column column, byte[] key, byte[] value) {}

  private final List<Operation> operations = new ArrayList<>();
  private long byteSize;

  /** Sets {@code key} to {@code value} (may be empty, never null) in {@code column}. */
  public WriteBatch put(Column column, byte[] key, byte[] value) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    operations.add(new Operation(column, key.clone(), value.clone()));
    byteSize += key.length + value.length;
    return this;
  }

  /** Removes {@code key} from {@code column}; removing an absent key is not an error. */
  public WriteBatch delete(Column column, byte[] key) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(key, "key");
    operations.add(new Operation(column, key.clone(), null));
    byteSize += key.length;
    return this;
  }

  /** Number of operations (puts and deletes), duplicates included. */
  public int size() {
    return operations.size();
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }

  /** Sum of the key and value lengths of all operations. */
  public long byteSize() {
    return byteSize;
  }

  /**
   * Hands every operation to {@code visitor} in order. The arrays passed are the batch's own
   * copies: visitors must not modify them and must copy them if they keep them beyond the batch.
   */
  public void replay(Visitor visitor) {
    for (Operation op : operations) {
      if (op.value() == null) {
        visitor.delete(op.column(), op.key());
      } else {
        visitor.put(op.column(), op.key(), op.value());
      }
    }
  }

  @Override
  public String toString() {
    return "WriteBatch[" + operations.size() + " operations, " + byteSize + " bytes]";
  }
}
