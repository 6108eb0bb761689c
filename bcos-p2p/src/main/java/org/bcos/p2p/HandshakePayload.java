package org.bcos.p2p;

import java.util.Arrays;
import org.bcos.crypto.Ed25519;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.ChainId;
import org.bcos.types.Digests;
import org.bcos.types.codec.CodecException;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * What each side sends inside the encrypted Noise XX payload (messages 2 and 3) to bind the Noise
 * static key to its node identity: its Ed25519 public key, PoW nonce, chain id, listening port (0 =
 * not listening) and an Ed25519 signature over {@link #bindingDigest}. Canonical encoding: fixed(32)
 * key, u64 nonce, string chain id, u32 port, fixed(64) signature.
 */
public record HandshakePayload(
    byte[] nodePublicKey, long powNonce, String chainId, int listenPort, byte[] signature) {
  /** Domain tag of the signed binding. */
  public static final String BINDING_DOMAIN = "BCOS/p2p-noise-binding/v1";

  static final int MAX_ENCODED_BYTES = 32 + 8 + 1 + ChainId.MAX_NETWORK_ID_LENGTH + 4 + 64;

  public HandshakePayload {
    if (nodePublicKey.length != Ed25519KeyPair.PUBLIC_KEY_BYTES
        || signature.length != Ed25519KeyPair.SIGNATURE_BYTES) {
      throw new IllegalArgumentException("bad key or signature length");
    }
    if (listenPort < 0 || listenPort > 65535) throw new IllegalArgumentException("bad port");
    nodePublicKey = nodePublicKey.clone();
    signature = signature.clone();
  }

  @Override
  public byte[] nodePublicKey() {
    return nodePublicKey.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signed digest: domain(BINDING_DOMAIN, noise static key || string chain id || u32 port). */
  public static byte[] bindingDigest(byte[] noiseStaticKey, String chainId, int listenPort) {
    byte[] body = new Encoder().fixed(noiseStaticKey).string(chainId).u32(listenPort).toByteArray();
    return Digests.domain(BINDING_DOMAIN, body).toBytes();
  }

  /** Our payload, signing our Noise static key with the node key. */
  public static HandshakePayload create(
      NodeIdentity identity, byte[] noiseStaticKey, String chainId, int listenPort) {
    byte[] sig = identity.keyPair().sign(bindingDigest(noiseStaticKey, chainId, listenPort));
    return new HandshakePayload(
        identity.keyPair().publicKey(), identity.powNonce(), chainId, listenPort, sig);
  }

  public byte[] encode() {
    return new Encoder()
        .fixed(nodePublicKey)
        .u64(powNonce)
        .string(chainId)
        .u32(listenPort)
        .fixed(signature)
        .toByteArray();
  }

  /** Strict decode; any malformation is a {@link Penalty#HANDSHAKE_FAILED}. */
  public static HandshakePayload decode(byte[] bytes) throws PeerRefusedException {
    try {
      Decoder d = new Decoder(bytes);
      byte[] key = d.fixed(Ed25519KeyPair.PUBLIC_KEY_BYTES);
      long nonce = d.u64();
      String chain = d.string(ChainId.MAX_NETWORK_ID_LENGTH);
      long port = d.u32();
      byte[] sig = d.fixed(Ed25519KeyPair.SIGNATURE_BYTES);
      d.finish();
      if (port > 65535) throw new CodecException(CodecException.Reason.INVALID_VALUE, "port");
      return new HandshakePayload(key, nonce, chain, (int) port, sig);
    } catch (CodecException e) {
      throw new PeerRefusedException(Penalty.HANDSHAKE_FAILED, "payload: " + e.getMessage());
    }
  }

  /**
   * Checks the payload against the peer's Noise static key: identity puzzle, binding signature,
   * then chain id. Each failure has its own named reason.
   */
  public void verify(byte[] remoteNoiseStatic, String expectedChainId, int powBits)
      throws PeerRefusedException {
    verifyIdentity(remoteNoiseStatic, powBits);
    verifyChain(expectedChainId);
  }

  /**
   * Proves the sender owns a node id: the puzzle (a cheap hash) first, then the binding signature.
   * Once this passes, later faults are the node id's, not the IP's.
   */
  public void verifyIdentity(byte[] remoteNoiseStatic, int powBits) throws PeerRefusedException {
    if (!NodeIdentity.isAdmissible(nodePublicKey, powNonce, powBits)) {
      throw new PeerRefusedException(Penalty.POW_TOO_LOW, "identity below " + powBits + " bits");
    }
    byte[] digest = bindingDigest(remoteNoiseStatic, chainId, listenPort);
    if (!Ed25519.verify(nodePublicKey, digest, signature)) {
      throw new PeerRefusedException(
          Penalty.BAD_IDENTITY_SIGNATURE, "node key did not sign the Noise static key");
    }
  }

  /** Refuses an authenticated peer of another chain (e.g. a local node left on an old genesis). */
  public void verifyChain(String expectedChainId) throws PeerRefusedException {
    if (!chainId.equals(expectedChainId)) {
      throw new PeerRefusedException(
          Penalty.WRONG_CHAIN_ID, "peer is on '" + chainId + "', we are on '" + expectedChainId + "'");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HandshakePayload p
        && Arrays.equals(nodePublicKey, p.nodePublicKey)
        && powNonce == p.powNonce
        && chainId.equals(p.chainId)
        && listenPort == p.listenPort
        && Arrays.equals(signature, p.signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nodePublicKey) * 31 + Long.hashCode(powNonce);
  }

  @Override
  public String toString() {
    return "HandshakePayload[chain=" + chainId + ", port=" + listenPort + "]";
  }
}
