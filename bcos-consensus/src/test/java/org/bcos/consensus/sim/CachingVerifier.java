package org.bcos.consensus.sim;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.bcos.crypto.SignatureVerifier;

/**
 * Verifies each distinct (key, message, signature) once, as a node's ingress cache does; the
 * simulator shares one per run so thousands of re-gossiped copies cost one check. Lookup only,
 * never iterated, so hashing order cannot leak into results.
 */
final class CachingVerifier implements SignatureVerifier {
  private final SignatureVerifier inner;
  private final Map<ByteBuffer, Boolean> cache = new HashMap<>();
  long verified;

  CachingVerifier(SignatureVerifier inner) {
    this.inner = inner;
  }

  @Override
  public boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    ByteBuffer key =
        ByteBuffer.allocate(publicKey32.length + message.length + signature64.length + 8)
            .putInt(publicKey32.length)
            .put(publicKey32)
            .putInt(message.length)
            .put(message)
            .put(signature64)
            .flip();
    Boolean known = cache.get(key);
    if (known != null) return known;
    verified++;
    boolean ok = inner.verify(publicKey32, message, signature64);
    cache.put(key, ok);
    return ok;
  }

  @Override
  public String name() {
    return "cached-" + inner.name();
  }
}
