package org.bcos.types.tx;

import org.bcos.types.codec.Decoder;

/** Decodes a message's fields given its tag: the ledger's module registry. */
@FunctionalInterface
public interface MessageCodec {
  /**
   * Strictly reads the fields of the message with {@code tag}.
   *
   * @throws org.bcos.types.codec.CodecException for an unknown tag or malformed fields
   */
  Message decode(int tag, org.bcos.types.codec.Decoder d);
}
