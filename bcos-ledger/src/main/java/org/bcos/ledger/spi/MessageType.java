package org.bcos.ledger.spi;

import java.util.Objects;
import org.bcos.types.codec.Decoder;
import org.bcos.types.tx.Message;

/**
 * A registered message type: its wire tag (u8, never reused), the record class, how its fields
 * decode (strictly; encoding is {@link Message#encodeFields}), and its handler.
 *
 * @param tag wire tag, unique across all modules
 * @param name dotted name for people and JSON, e.g. {@code coin.transfer}
 */
public record MessageType<M extends Message>(int tag, String name, Class<M> type,
    FieldDecoder<M> decoder, MessageHandler<M> handler) {
  public MessageType {
    if (tag < 1 || tag > 255) throw new IllegalArgumentException("message tags are 1..255");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(handler, "handler");
  }

  /** Reads a message's fields (after its tag). */
  @FunctionalInterface
  public interface FieldDecoder<M> {
    M decode(Decoder d);
  }

  /** The message as this type (the registry looked it up by class). */
  public M cast(Message m) {
    return type.cast(m);
  }
}
