package org.bcos.p2p;

import java.util.ArrayList;
import java.util.List;
import org.bcos.types.Hash;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * Canonical bodies of the messages the P2P layer understands. Envelope: u8 type, then the body.
 * PING/PONG: u64 nonce. PEERS: varint count, then (string host, u32 port, hash node id) each.
 * TX_ANNOUNCE/TX_REQUEST: varint count, hashes. TX_BODIES: varint count, byte strings. CONSENSUS,
 * BLOCK_REQUEST and BLOCK bodies are opaque to this layer.
 */
public final class P2pMessages {
  private P2pMessages() {}

  public static byte[] envelope(MessageType type, byte[] body) {
    byte[] out = new byte[1 + body.length];
    out[0] = (byte) type.code();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  public static byte[] ping(long nonce) {
    return new Encoder(8).u64(nonce).toByteArray();
  }

  public static long decodePing(byte[] body) {
    Decoder d = new Decoder(body);
    long n = d.u64();
    d.finish();
    return n;
  }

  public static byte[] peers(List<PeerAddress> peers) {
    Encoder e = new Encoder().varint(peers.size());
    for (PeerAddress p : peers) {
      if (p.nodeId() == null) throw new IllegalArgumentException("PEERS entries need a node id");
      e.string(p.host()).u32(p.port()).hash(p.nodeId());
    }
    return e.toByteArray();
  }

  public static List<PeerAddress> decodePeers(byte[] body, int maxPeers) {
    Decoder d = new Decoder(body);
    int count = (int) d.varint(maxPeers);
    List<PeerAddress> out = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) {
      String host = d.string(PeerAddress.MAX_HOST_BYTES);
      long port = d.u32();
      Hash id = d.hash();
      if (host.isEmpty() || port < 1 || port > 65535) {
        throw new CodecException(CodecException.Reason.INVALID_VALUE, "bad peer address");
      }
      out.add(new PeerAddress(host, (int) port, id));
    }
    d.finish();
    return out;
  }

  public static byte[] hashes(List<Hash> hashes) {
    Encoder e = new Encoder(4 + hashes.size() * Hash.LENGTH).varint(hashes.size());
    for (Hash h : hashes) e.hash(h);
    return e.toByteArray();
  }

  public static List<Hash> decodeHashes(byte[] body, int maxHashes) {
    Decoder d = new Decoder(body);
    int count = (int) d.varint(maxHashes);
    List<Hash> out = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) out.add(d.hash());
    d.finish();
    return out;
  }

  public static byte[] bodies(List<byte[]> bodies) {
    Encoder e = new Encoder().varint(bodies.size());
    for (byte[] b : bodies) e.bytes(b);
    return e.toByteArray();
  }

  public static List<byte[]> decodeBodies(byte[] body, int maxBodies, int maxBodyBytes) {
    Decoder d = new Decoder(body);
    int count = (int) d.varint(maxBodies);
    List<byte[]> out = new ArrayList<>(Math.min(count, d.remaining()));
    for (int i = 0; i < count; i++) out.add(d.bytes(maxBodyBytes));
    d.finish();
    return out;
  }
}
