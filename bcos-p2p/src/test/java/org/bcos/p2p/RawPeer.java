package org.bcos.p2p;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Function;

/** A hand-driven client on 127.0.0.1 for sending bad input; every read is bounded by a timeout. */
final class RawPeer implements AutoCloseable {
  final Socket socket = new Socket();
  private final DataInputStream in;
  private final DataOutputStream out;
  NoiseHandshake.Transport transport;

  RawPeer(int port, int receiveBufferBytes) throws IOException {
    if (receiveBufferBytes > 0) socket.setReceiveBufferSize(receiveBufferBytes);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void sendFrame(byte[] body) throws IOException {
    out.writeInt(body.length);
    out.write(body);
    out.flush();
  }

  byte[] readFrame() throws IOException {
    int length = in.readInt();
    if (length < 0 || length > (1 << 20)) throw new IOException("bad frame length " + length);
    byte[] frame = new byte[length];
    in.readFully(frame);
    return frame;
  }

  /** Runs the initiator side; {@code payload} builds message 3's payload from our static key. */
  void handshake(Function<byte[], HandshakePayload> payload) throws Exception {
    X25519.KeyPair noiseStatic = X25519.generate(TestNode.RANDOM);
    NoiseHandshake hs = new NoiseHandshake(true, noiseStatic, PeerManager.PROLOGUE, TestNode.RANDOM);
    sendFrame(hs.writeMessage(new byte[0]));
    hs.readMessage(readFrame());
    sendFrame(hs.writeMessage(payload.apply(noiseStatic.publicKey()).encode()));
    transport = hs.split();
  }

  void handshake(NodeIdentity identity, String chainId) throws Exception {
    handshake(key -> HandshakePayload.create(identity, key, chainId, 0));
  }

  void sendEncrypted(byte[] plaintext) throws Exception {
    sendFrame(transport.send().encryptWithAd(new byte[0], plaintext));
  }

  /** True if the node closes the connection within {@code millis} (data read meanwhile is skipped). */
  boolean closedByRemote(long millis) {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    try {
      socket.setSoTimeout(100);
      byte[] sink = new byte[8192];
      while (System.nanoTime() < deadline) {
        try {
          if (in.read(sink) < 0) return true;
        } catch (SocketTimeoutException e) {
          // keep waiting until the deadline
        }
      }
      return false;
    } catch (IOException e) {
      return true; // reset by the node
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
