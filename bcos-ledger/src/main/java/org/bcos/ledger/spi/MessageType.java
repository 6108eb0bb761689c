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
 * @param sinceVersion the protocol version that introduces it (1: every version its module is
 *     active in); below it the core refuses it by name, {@code MESSAGE_NOT_ACTIVE}
 */
public record MessageType<M extends Message>(int tag, String name, Class<M> type,
    FieldDecoder<M> decoder, MessageHandler<M> handler, int sinceVersion) {
  /** A message type that exists under every protocol version its module is active in. */
  public MessageType(int tag, String name, Class<M> type, FieldDecoder<M> decoder,
      MessageHandler<M> handler) {
    this(tag, name, type, decoder, handler, 1);
  }

  public MessageType {
    if (tag < 1 || tag > 255) throw new IllegalArgumentException("message tags are 1..255");
    if (sinceVersion < 1) throw new IllegalArgumentException("protocol versions start at 1");
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

  /**
   * This message type, introduced by protocol {@code version} of a module that may be active
   * before it (a new message of an existing module: the module's other messages keep working).
   */
  public MessageType<M> since(int version) {
    return new MessageType<>(tag, name, type, decoder, handler, version);
  }

  /** Whether the message may run under {@code rules} (its module's activity aside). */
  public boolean activeUnder(ProtocolRules rules) {
    return rules.version() >= sinceVersion;
  }

  /** The message as this type (the registry looked it up by class). */
  public M cast(Message m) {
    return type.cast(m);
  }
}
