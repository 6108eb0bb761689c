package org.bcos.node.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object a line: {@code time} (ISO-8601, UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, then the event's structured fields (SLF4J key-value pairs, e.g.
 * {@code height}: numbers stay numbers) and {@code exception} (the stack trace) when there is one.
 * Logback's own JsonEncoder writes epoch milliseconds and nests the fields in a list, which log
 * collectors read less easily.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] NONE = new byte[0];
  /** Names the encoder writes itself: a structured field of the same name would repeat a key. */
  private static final java.util.Set<String> RESERVED = java.util.Set.of("time", "level",
      "logger", "thread", "message", "exception");

  @Override
  public byte[] headerBytes() {
    return NONE;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time",
          DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())));
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", event.getFormattedMessage());
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) field(json, pair);
      }
      if (event.getThrowableProxy() != null) {
        json.writeStringField("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    out.write('\n');
    return out.toByteArray();
  }

  private static void field(JsonGenerator json, KeyValuePair pair) throws IOException {
    if (RESERVED.contains(pair.key)) return;
    switch (pair.value) {
      case Long v -> json.writeNumberField(pair.key, v);
      case Integer v -> json.writeNumberField(pair.key, v);
      case Boolean v -> json.writeBooleanField(pair.key, v);
      case null -> json.writeNullField(pair.key);
      default -> json.writeStringField(pair.key, pair.value.toString());
    }
  }

  @Override
  public byte[] footerBytes() {
    return NONE;
  }
}
