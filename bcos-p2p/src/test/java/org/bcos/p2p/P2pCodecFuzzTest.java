package org.bcos.p2p;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.FuzzContract;

/**
 * Fuzz targets for everything a remote peer controls before and after the handshake: the frame
 * stream, the three Noise XX messages, the identity payload and the P2P control messages.
 */
class P2pCodecFuzzTest {
  private static final int MAX_FRAME_BYTES = PeerSession.MAX_HANDSHAKE_FRAME_BYTES;
  private static final long ALLOCATION_PER_READ_BYTES = 16 * 1024;
  private static final X25519.KeyPair STATIC_KEY = X25519.generate(seeded());

  /** Deterministic randomness so that a finding replays exactly. */
  private static SecureRandom seeded() {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(42);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The frame splitter fed in slices (the first byte sets the slice size, as TCP splits reads):
   * every frame is within the limit, and re-framing the frames gives back the input's prefix.
   */
  @FuzzTest(maxDuration = "10s")
  void frames(byte[] input) throws Exception {
    if (input.length == 0) return;
    int slice = 1 + (input[0] & 0x3f);
    byte[] stream = Arrays.copyOfRange(input, 1, input.length);
    long[] oversized = {-1};
    long reads = (stream.length + slice - 1) / slice;
    // each read costs Netty a fixed amount (promise, pipeline pass) whatever the frame contents
    long budget = FuzzContract.allowedAllocation(stream.length) + reads * ALLOCATION_PER_READ_BYTES;
    EmbeddedChannel ch = FuzzContract.decodeWithin(budget, List.of(), () -> {
      oversized[0] = -1;
      EmbeddedChannel channel = new EmbeddedChannel(
          new FrameDecoder((ctx, length) -> oversized[0] = length, MAX_FRAME_BYTES));
      for (int at = 0; at < stream.length; at += slice) {
        channel.writeInbound(Unpooled.wrappedBuffer(stream, at, Math.min(slice, stream.length - at)));
        channel.checkException();
      }
      return channel;
    });
    ByteArrayOutputStream reframed = new ByteArrayOutputStream();
    for (Object frame; (frame = ch.readInbound()) != null; ) {
      byte[] f = (byte[]) frame;
      assertTrue(f.length <= MAX_FRAME_BYTES);
      reframed.write(new byte[] {(byte) (f.length >>> 24), (byte) (f.length >>> 16),
          (byte) (f.length >>> 8), (byte) f.length});
      reframed.write(f);
    }
    byte[] prefix = reframed.toByteArray();
    assertTrue(Arrays.equals(prefix, Arrays.copyOf(stream, prefix.length)), "frames are the input");
    if (oversized[0] >= 0) assertTrue(oversized[0] > MAX_FRAME_BYTES);
    ch.finishAndReleaseAll();
  }

  /** Responder side: message 1 from the input, our message 2, then message 3 from the input. */
  @FuzzTest(maxDuration = "10s")
  void handshakeAsResponder(byte[] input) throws Exception {
    if (input.length < 2) return;
    int split = Math.min(input[0] & 0xff, input.length - 1);
    byte[] one = Arrays.copyOfRange(input, 1, 1 + split);
    byte[] three = Arrays.copyOfRange(input, 1 + split, input.length);
    FuzzContract.decode(input.length, List.of(NoiseException.class, PeerRefusedException.class),
        () -> {
          NoiseHandshake responder =
              new NoiseHandshake(false, STATIC_KEY, PeerManager.PROLOGUE, seeded());
          responder.readMessage(one);
          responder.writeMessage(new byte[0]);
          return HandshakePayload.decode(responder.readMessage(three));
        });
  }

  /** Initiator side: our message 1, then message 2 from the input. */
  @FuzzTest(maxDuration = "10s")
  void handshakeAsInitiator(byte[] input) throws Exception {
    FuzzContract.decode(input.length, List.of(NoiseException.class), () -> {
      NoiseHandshake initiator = new NoiseHandshake(true, STATIC_KEY, PeerManager.PROLOGUE, seeded());
      initiator.writeMessage(new byte[0]);
      return initiator.readMessage(input);
    });
  }

  @FuzzTest(maxDuration = "10s")
  void handshakePayload(byte[] input) throws Exception {
    HandshakePayload p = FuzzContract.decode(input.length, List.of(PeerRefusedException.class),
        () -> HandshakePayload.decode(input));
    if (p != null) FuzzContract.assertRoundTrip(input, p.encode());
  }

  /** PING/PONG, PEERS and the tx gossip lists (first byte picks the message). */
  @FuzzTest(maxDuration = "10s")
  void controlMessages(byte[] input) throws Exception {
    if (input.length == 0) return;
    byte[] body = Arrays.copyOfRange(input, 1, input.length);
    byte[] reencoded = FuzzContract.decode(input.length, List.of(CodecException.class),
        () -> switch ((input[0] & 0xff) % 4) {
          case 0 -> P2pMessages.ping(P2pMessages.decodePing(body));
          case 1 -> P2pMessages.peers(P2pMessages.decodePeers(body, 64));
          case 2 -> P2pMessages.hashes(P2pMessages.decodeHashes(body, 1_000));
          default -> P2pMessages.bodies(P2pMessages.decodeBodies(body, 1_000, 64 * 1024));
        });
    if (reencoded != null) FuzzContract.assertRoundTrip(body, reencoded);
  }
}
