package org.bcos.crypto;

import java.math.BigInteger;

/**
 * A point of edwards25519 (-x^2 + y^2 = 1 + d x^2 y^2 over p = 2^255 - 19) in extended coordinates
 * (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z. BigInteger arithmetic: this serves the test
 * oracle ({@link Zip215OracleVerifier}), which must be obviously right rather than fast.
 */
record EdwardsPoint(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger D2 = D.shiftLeft(1).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
  private static final BigInteger SQRT_EXPONENT = P.subtract(BigInteger.valueOf(5)).shiftRight(3);

  static final EdwardsPoint IDENTITY =
      new EdwardsPoint(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

  /**
   * Decodes 32 bytes at {@code offset} the ZIP-215 way: the 255-bit y may be >= p and is reduced
   * mod p; x = 0 with the sign bit set is accepted as x = 0. Returns null only when y is not the
   * y-coordinate of any curve point.
   */
  static EdwardsPoint decodeZip215(byte[] encoding, int offset) {
    byte[] littleEndian = new byte[32];
    System.arraycopy(encoding, offset, littleEndian, 0, 32);
    boolean signBit = (littleEndian[31] & 0x80) != 0;
    littleEndian[31] &= 0x7f;
    BigInteger y = fromLittleEndian(littleEndian).mod(P);
    BigInteger y2 = mul(y, y);
    BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
    BigInteger v = mul(D, y2).add(BigInteger.ONE).mod(P);
    BigInteger x = squareRootOfRatio(u, v);
    if (x == null) {
      return null;
    }
    if (x.testBit(0) != signBit) {
      x = P.subtract(x).mod(P); // for x = 0 this stays 0: the ZIP-215 "negative zero" case
    }
    return new EdwardsPoint(x, y, BigInteger.ONE, mul(x, y));
  }

  /** The x with x^2 = u/v, or null when u/v is not a square (RFC 8032 section 5.1.3). */
  private static BigInteger squareRootOfRatio(BigInteger u, BigInteger v) {
    BigInteger v3 = mul(mul(v, v), v);
    BigInteger v7 = mul(mul(v3, v3), v);
    BigInteger x = mul(mul(u, v3), mul(u, v7).modPow(SQRT_EXPONENT, P));
    BigInteger vx2 = mul(v, mul(x, x));
    if (vx2.equals(u)) {
      return x;
    }
    if (vx2.equals(P.subtract(u).mod(P))) {
      return mul(x, SQRT_M1);
    }
    return null;
  }

  EdwardsPoint negate() {
    return new EdwardsPoint(P.subtract(x).mod(P), y, z, P.subtract(t).mod(P));
  }

  /** Complete addition for a = -1 (Hisil-Wong-Carter-Dawson 2008, "add-2008-hwcd-3"). */
  EdwardsPoint add(EdwardsPoint q) {
    BigInteger a = mul(y.subtract(x), q.y.subtract(q.x));
    BigInteger b = mul(y.add(x), q.y.add(q.x));
    BigInteger c = mul(mul(t, D2), q.t);
    BigInteger d = mul(z.shiftLeft(1), q.z);
    BigInteger e = b.subtract(a);
    BigInteger f = d.subtract(c);
    BigInteger g = d.add(c);
    BigInteger h = b.add(a);
    return new EdwardsPoint(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /** Doubling for a = -1 ("dbl-2008-hwcd"). */
  EdwardsPoint twice() {
    BigInteger a = mul(x, x);
    BigInteger b = mul(y, y);
    BigInteger c = mul(z, z).shiftLeft(1);
    BigInteger xPlusY = x.add(y);
    BigInteger e = mul(xPlusY, xPlusY).subtract(a).subtract(b);
    BigInteger g = b.subtract(a);
    BigInteger f = g.subtract(c);
    BigInteger h = a.negate().subtract(b);
    return new EdwardsPoint(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
  }

  /** [s1]this + [s2]other for non-negative scalars, sharing the doublings (Straus). */
  EdwardsPoint doubleScalarMultiply(BigInteger s1, EdwardsPoint other, BigInteger s2) {
    EdwardsPoint both = add(other);
    EdwardsPoint acc = IDENTITY;
    for (int i = Math.max(s1.bitLength(), s2.bitLength()) - 1; i >= 0; i--) {
      acc = acc.twice();
      boolean b1 = s1.testBit(i);
      boolean b2 = s2.testBit(i);
      if (b1 && b2) {
        acc = acc.add(both);
      } else if (b1) {
        acc = acc.add(this);
      } else if (b2) {
        acc = acc.add(other);
      }
    }
    return acc;
  }

  EdwardsPoint multiplyByCofactor() {
    return twice().twice().twice();
  }

  boolean isIdentity() {
    return x.signum() == 0 && y.equals(z);
  }

  /** Canonical 32-byte encoding (y little-endian, sign of x in the top bit). */
  byte[] encode() {
    BigInteger zInverse = z.modInverse(P);
    BigInteger affineX = mul(x, zInverse);
    BigInteger affineY = mul(y, zInverse);
    byte[] out = toLittleEndian32(affineY);
    if (affineX.testBit(0)) {
      out[31] |= (byte) 0x80;
    }
    return out;
  }

  static BigInteger fromLittleEndian(byte[] littleEndian) {
    byte[] bigEndian = new byte[littleEndian.length];
    for (int i = 0; i < littleEndian.length; i++) {
      bigEndian[i] = littleEndian[littleEndian.length - 1 - i];
    }
    return new BigInteger(1, bigEndian);
  }

  static byte[] toLittleEndian32(BigInteger value) {
    byte[] out = new byte[32];
    byte[] bigEndian = value.toByteArray();
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  private static BigInteger mul(BigInteger a, BigInteger b) {
    return a.multiply(b).mod(P);
  }
}
