package org.bcos.p2p;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the stream into frames: a 4-byte big-endian length, then that many bytes. A length over
 * the current limit is refused from the header alone: the body is never read or buffered, and
 * {@link OversizedFrameListener#onOversizedFrame} (the session) penalises and closes.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  static final int HEADER_BYTES = 4;

  /** Told once when a header announces more than the limit; the decoder then drops all input. */
  interface OversizedFrameListener {
    void onOversizedFrame(ChannelHandlerContext ctx, long length);
  }

  private final OversizedFrameListener session;
  private int maxFrameBytes;
  private boolean failed;

  FrameDecoder(OversizedFrameListener session, int initialMaxFrameBytes) {
    this.session = session;
    this.maxFrameBytes = initialMaxFrameBytes;
  }

  /** Called on the event loop when the handshake ends and the limit grows. */
  void maxFrameBytes(int value) {
    maxFrameBytes = value;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < HEADER_BYTES) return;
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrameBytes) {
      failed = true;
      in.skipBytes(in.readableBytes());
      session.onOversizedFrame(ctx, length);
      return;
    }
    if (in.readableBytes() < HEADER_BYTES + length) return;
    in.skipBytes(HEADER_BYTES);
    byte[] frame = new byte[(int) length];
    in.readBytes(frame);
    out.add(frame);
  }
}
