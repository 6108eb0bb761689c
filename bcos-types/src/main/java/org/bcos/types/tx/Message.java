package org.bcos.types.tx;

import org.bcos.types.codec.Encoder;

/**
 * What a transaction asks the ledger to do. Each ledger module owns its messages (a sealed family
 * of records in its {@code api} package) and registers each type with its wire tag; the module
 * registry decodes and dispatches them, and a message type no module registers is refused by name.
 */
public interface Message {
  /** Wire tag (1..255), registered by the owning module and never reused. */
  int tag();

  /** Writes the message's fields (after its tag) in their one canonical form. */
  void encodeFields(Encoder e);
}
