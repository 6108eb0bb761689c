package org.bcos.p2p;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on raw 32-byte keys, using the JDK's "XDH" provider. The JDK refuses an
 * all-zero shared secret (a small-order peer key); that surfaces as a {@link NoiseException}.
 */
final class X25519 {
  static final int KEY_BYTES = 32;
  private static final byte[] BASE_POINT = basePoint();

  /** A raw X25519 key pair; the private key is the 32-byte scalar before clamping. */
  record KeyPair(byte[] privateKey, byte[] publicKey) {
    KeyPair {
      if (privateKey.length != KEY_BYTES || publicKey.length != KEY_BYTES) {
        throw new IllegalArgumentException("X25519 keys are 32 bytes");
      }
      privateKey = privateKey.clone();
      publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public String toString() {
      return "X25519.KeyPair[public]";
    }
  }

  private X25519() {}

  static KeyPair generate(SecureRandom random) {
    byte[] scalar = new byte[KEY_BYTES];
    random.nextBytes(scalar);
    return fromPrivate(scalar);
  }

  static KeyPair fromPrivate(byte[] scalar) {
    try {
      return new KeyPair(scalar, dh(scalar, BASE_POINT));
    } catch (NoiseException e) {
      throw new IllegalStateException("scalar multiplication of the base point failed", e);
    }
  }

  /** DH(privateKey, publicKey) as in the Noise spec; throws on a small-order public key. */
  static byte[] dh(byte[] privateScalar, byte[] publicKey) throws NoiseException {
    if (publicKey.length != KEY_BYTES) throw new NoiseException("an X25519 public key is 32 bytes");
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      PrivateKey priv =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateScalar));
      PublicKey pub =
          factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, toU(publicKey)));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(priv);
      agreement.doPhase(pub, true);
      return agreement.generateSecret();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new NoiseException("X25519 failed: " + e.getMessage());
    }
  }

  /** RFC 7748 decodeUCoordinate: little-endian, top bit masked. */
  private static BigInteger toU(byte[] littleEndian) {
    byte[] bigEndian = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES; i++) bigEndian[i] = littleEndian[KEY_BYTES - 1 - i];
    bigEndian[0] &= 0x7f;
    return new BigInteger(1, bigEndian);
  }

  private static byte[] basePoint() {
    byte[] u = new byte[KEY_BYTES];
    u[0] = 9;
    return u;
  }
}
