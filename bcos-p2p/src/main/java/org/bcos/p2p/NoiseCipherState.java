package org.bcos.p2p;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Noise CipherState with ChaChaPoly: key k and a 64-bit counter nonce n, encoded as 32 zero bits
 * then n little-endian (Noise spec section 12.4). A failed decryption leaves n unchanged, so a
 * replayed or reordered frame can never be accepted. Not thread-safe: one direction, one owner.
 */
public final class NoiseCipherState {
  static final int TAG_BYTES = 16;
  private static final long MAX_NONCE = -1L; // 2^64-1 is reserved by the spec

  private final byte[] key;
  private long nonce;
  private final Cipher cipher;

  NoiseCipherState(byte[] key) {
    this.key = key == null ? null : key.clone();
    try {
      this.cipher = Cipher.getInstance("ChaCha20-Poly1305");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ChaCha20-Poly1305", e);
    }
  }

  boolean hasKey() {
    return key != null;
  }

  /** The next nonce this state will use (for tests and diagnostics). */
  public long nonce() {
    return nonce;
  }

  /** Encrypts with the next nonce; without a key returns the plaintext (handshake rule). */
  public byte[] encryptWithAd(byte[] ad, byte[] plaintext) throws NoiseException {
    if (key == null) return plaintext.clone();
    checkNonce();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), iv(nonce));
      cipher.updateAAD(ad);
      byte[] out = cipher.doFinal(plaintext);
      nonce++;
      return out;
    } catch (GeneralSecurityException e) {
      throw new NoiseException("encryption failed: " + e.getMessage());
    }
  }

  /** Decrypts with the next nonce; a bad tag throws and does not advance the nonce. */
  public byte[] decryptWithAd(byte[] ad, byte[] ciphertext) throws NoiseException {
    if (key == null) return ciphertext.clone();
    checkNonce();
    if (ciphertext.length < TAG_BYTES) throw new NoiseException("ciphertext shorter than its tag");
    try {
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), iv(nonce));
      cipher.updateAAD(ad);
      byte[] out = cipher.doFinal(ciphertext);
      nonce++;
      return out;
    } catch (AEADBadTagException e) {
      throw new NoiseException("authentication tag mismatch");
    } catch (GeneralSecurityException e) {
      throw new NoiseException("decryption failed: " + e.getMessage());
    }
  }

  private void checkNonce() throws NoiseException {
    if (nonce == MAX_NONCE) throw new NoiseException("nonce exhausted; the session must end");
  }

  private static IvParameterSpec iv(long n) {
    byte[] iv = new byte[12];
    for (int i = 0; i < 8; i++) iv[4 + i] = (byte) (n >>> (8 * i));
    return new IvParameterSpec(iv);
  }
}
