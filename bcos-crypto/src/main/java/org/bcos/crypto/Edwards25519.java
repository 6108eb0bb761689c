package org.bcos.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Variable-time edwards25519 arithmetic for {@link Zip215Verifier}: field elements mod p = 2^255 -
 * 19 are BouncyCastle {@link X25519Field} limbs (ten signed ints, radix 2^25.5), points use the
 * extended coordinates and a = -1 formulas of Hisil, Wong, Carter and Dawson (RFC 8032 section
 * 5.1.4) in the representations of the ref10 code: extended (X:Y:Z:T), projective (X:Y:Z),
 * completed ((X:Z),(Y:T)), cached (Y+X, Y-X, Z, 2dT) and affine-cached (y+x, y-x, 2dxy). The
 * formulas are complete on this curve, so they are right for every point ZIP-215 can decode,
 * including the small-order ones.
 *
 * <p>Limb bounds follow BouncyCastle's own use of {@link X25519Field}: {@code mul} and {@code sqr}
 * get inputs that are at most the sum or difference of two carried values; any longer sum is
 * {@code carry}-ed first.
 *
 * <p>Every method here runs in time that depends on its inputs. That is fine for verification,
 * where all inputs are public.
 *
 * <p>An instance holds scratch space for one verification; it is not thread-safe and is meant to
 * be created per call.
 */
final class Edwards25519 {
  /** Window width of the wNAF of S: odd multiples 1B .. 127B come from a table built once. */
  private static final int BASE_WIDTH = 8;

  /** Window width of the wNAF of k: odd multiples 1A .. 15A are built per verification. */
  private static final int POINT_WIDTH = 5;

  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final int[] D = constant(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P));
  private static final int[] D2 = constant(
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P))
          .shiftLeft(1).mod(P));

  /** The base point, encoded (y = 4/5, x even). */
  private static final byte[] BASE_ENCODING = {
    0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66
  };

  /** Affine-cached odd multiples (2i + 1)B for i = 0 .. 63. */
  private static final AffineCached[] BASE_TABLE = baseTable();

  // Scratch field elements of one verification.
  private final int[] t0 = F.create();
  private final int[] t1 = F.create();
  private final int[] t2 = F.create();
  private final int[] t3 = F.create();

  Edwards25519() {}

  /** The field operations, reached through a subclass so calls read {@code F.mul(...)}. */
  private abstract static class F extends X25519Field {
    private F() {}
  }

  /** (X:Y:Z:T) with x = X/Z, y = Y/Z, xy = T/Z. */
  static final class Extended {
    final int[] x = F.create();
    final int[] y = F.create();
    final int[] z = F.create();
    final int[] t = F.create();
  }

  /** ((X:Z),(Y:T)): x = X/Z, y = Y/T. The output of every addition and doubling. */
  private static final class Completed {
    final int[] x = F.create();
    final int[] y = F.create();
    final int[] z = F.create();
    final int[] t = F.create();
  }

  /** (X:Y:Z): enough for doubling. */
  private static final class Projective {
    final int[] x = F.create();
    final int[] y = F.create();
    final int[] z = F.create();
  }

  /** (Y+X, Y-X, Z, 2dT): a point prepared to be added. */
  private static final class Cached {
    final int[] yPlusX = F.create();
    final int[] yMinusX = F.create();
    final int[] z = F.create();
    final int[] t2d = F.create();
  }

  /** (y+x, y-x, 2dxy) of an affine point (Z = 1): a table entry. */
  private static final class AffineCached {
    final int[] yPlusX = F.create();
    final int[] yMinusX = F.create();
    final int[] xy2d = F.create();
  }

  /**
   * ZIP-215 decoding of the 32 bytes at {@code offset}: the 255-bit y may be {@code >= p} (it is
   * reduced mod p), and x = 0 with the sign bit set is accepted as x = 0. Null only when y is the
   * y-coordinate of no curve point, i.e. (y^2 - 1) / (d y^2 + 1) is not a square.
   */
  static Extended decodeZip215(byte[] encoding, int offset) {
    byte[] bytes = new byte[32];
    System.arraycopy(encoding, offset, bytes, 0, 32);
    int sign = (bytes[31] & 0x80) >>> 7;
    bytes[31] &= 0x7f;
    Extended p = new Extended();
    F.decode(bytes, 0, p.y); // y < 2^255; the arithmetic below is mod p, reducing it
    int[] u = F.create();
    int[] v = F.create();
    F.sqr(p.y, u);
    F.mul(u, D, v);
    F.subOne(u); // u = y^2 - 1
    F.addOne(v); // v = d y^2 + 1, never 0 since -1/d is not a square
    if (!F.sqrtRatioVar(u, v, p.x)) {
      return null;
    }
    F.normalize(p.x);
    if ((p.x[0] & 1) != sign) {
      F.negate(p.x, p.x); // -0 = 0: ZIP-215 accepts the "negative zero" encoding
      F.normalize(p.x);
    }
    F.one(p.z);
    F.mul(p.x, p.y, p.t);
    return p;
  }

  /**
   * Whether [8]([s]B - [k]A - R) is the identity, for little-endian scalars s, k &lt; 2^253. This is
   * ZIP-215's cofactored equation [8][S]B = [8]R + [8][k]A.
   */
  boolean cofactoredEquationHolds(byte[] s, byte[] k, Extended a, Extended r) {
    byte[] sDigits = wnaf(s, BASE_WIDTH);
    byte[] kDigits = wnaf(k, POINT_WIDTH);
    Cached[] minusATable = oddMultiplesOfNegation(a);

    Completed sum = new Completed();
    Projective acc = new Projective();
    Extended ext = new Extended();
    F.one(acc.y);
    F.one(acc.z); // acc = identity

    int i = 255;
    while (i > 0 && sDigits[i] == 0 && kDigits[i] == 0) {
      i--;
    }
    // Horner from the top digit down: sum = 2 acc, then add this position's digits.
    double_(acc.x, acc.y, acc.z, sum);
    for (; ; i--) {
      int sd = sDigits[i];
      int kd = kDigits[i];
      if (sd != 0) {
        toExtended(sum, ext);
        addAffine(ext, BASE_TABLE[Math.abs(sd) >> 1], sd < 0, sum);
      }
      if (kd != 0) {
        toExtended(sum, ext);
        add(ext, minusATable[Math.abs(kd) >> 1], kd < 0, sum);
      }
      if (i == 0) {
        break;
      }
      toProjective(sum, acc);
      double_(acc.x, acc.y, acc.z, sum);
    }
    // sum = [s]B - [k]A (completed); subtract R.
    toExtended(sum, ext);
    Cached rCached = new Cached();
    toCached(r, rCached);
    add(ext, rCached, true, sum);
    // Multiply by the cofactor 8.
    for (int j = 0; j < 3; j++) {
      toProjective(sum, acc);
      double_(acc.x, acc.y, acc.z, sum);
    }
    toProjective(sum, acc);
    return isIdentity(acc);
  }

  /** X = 0 and Y = Z. */
  private boolean isIdentity(Projective p) {
    F.copy(p.x, 0, t0, 0);
    F.normalize(t0);
    if (!F.isZeroVar(t0)) {
      return false;
    }
    F.sub(p.y, p.z, t0);
    F.normalize(t0);
    return F.isZeroVar(t0);
  }

  /** The cached odd multiples (2i + 1)(-A), i = 0 .. 2^(POINT_WIDTH - 2) - 1. */
  private Cached[] oddMultiplesOfNegation(Extended a) {
    Extended minusA = new Extended();
    F.negate(a.x, minusA.x);
    F.copy(a.y, 0, minusA.y, 0);
    F.copy(a.z, 0, minusA.z, 0);
    F.negate(a.t, minusA.t);

    Completed sum = new Completed();
    Extended twice = new Extended();
    double_(minusA.x, minusA.y, minusA.z, sum);
    toExtended(sum, twice);
    Cached twiceCached = new Cached();
    toCached(twice, twiceCached);

    Cached[] table = new Cached[1 << (POINT_WIDTH - 2)];
    Extended current = minusA;
    for (int i = 0; i < table.length; i++) {
      if (i > 0) {
        add(current, twiceCached, false, sum);
        current = new Extended();
        toExtended(sum, current);
      }
      table[i] = new Cached();
      toCached(current, table[i]);
    }
    return table;
  }

  /** r = 2 (x:y:z) ("dbl-2008-hwcd"; reads X, Y, Z only). */
  private void double_(int[] x, int[] y, int[] z, Completed r) {
    F.sqr(x, t0); // XX
    F.sqr(y, t1); // YY
    F.sqr(z, t2);
    F.add(t2, t2, t2); // 2 ZZ
    F.add(x, y, t3);
    F.sqr(t3, t3); // (X + Y)^2
    F.add(t1, t0, r.y); // YY + XX      = -H
    F.sub(t1, t0, r.z); // YY - XX      =  G
    F.sub(t3, r.y, r.x); // 2XY         =  E
    F.sub(t2, r.z, r.t); // 2ZZ - G     = -F
    F.carry(r.x);
    F.carry(r.y);
    F.carry(r.z);
    F.carry(r.t);
  }

  /** r = p + q, or p - q when {@code subtract} ("add-2008-hwcd-3"). */
  private void add(Extended p, Cached q, boolean subtract, Completed r) {
    F.add(p.y, p.x, t0);
    F.sub(p.y, p.x, t1);
    F.mul(t0, subtract ? q.yMinusX : q.yPlusX, t2); // A' = (Y+X)(Y2+-X2)
    F.mul(t1, subtract ? q.yPlusX : q.yMinusX, t3); // B' = (Y-X)(Y2-+X2)
    F.mul(p.t, q.t2d, t0); // C = +-2d T T2
    F.mul(p.z, q.z, t1);
    F.add(t1, t1, t1); // D = 2 Z Z2
    finishAdd(subtract, r);
  }

  /** r = p + q, or p - q when {@code subtract}, for an affine q ("madd-2008-hwcd-3"). */
  private void addAffine(Extended p, AffineCached q, boolean subtract, Completed r) {
    F.add(p.y, p.x, t0);
    F.sub(p.y, p.x, t1);
    F.mul(t0, subtract ? q.yMinusX : q.yPlusX, t2);
    F.mul(t1, subtract ? q.yPlusX : q.yMinusX, t3);
    F.mul(p.t, q.xy2d, t0);
    F.add(p.z, p.z, t1);
    finishAdd(subtract, r);
  }

  private void finishAdd(boolean subtract, Completed r) {
    // t2 = A', t3 = B', t0 = C, t1 = D
    F.sub(t2, t3, r.x); // E = A' - B'
    F.add(t2, t3, r.y); // H = A' + B'
    if (subtract) {
      F.sub(t1, t0, r.z); // G (for -q, C changes sign)
      F.add(t1, t0, r.t); // F
    } else {
      F.add(t1, t0, r.z); // G = D + C
      F.sub(t1, t0, r.t); // F = D - C
    }
    F.carry(r.x);
    F.carry(r.y);
    F.carry(r.z);
    F.carry(r.t);
  }

  private static void toProjective(Completed c, Projective p) {
    F.mul(c.x, c.t, p.x);
    F.mul(c.y, c.z, p.y);
    F.mul(c.z, c.t, p.z);
  }

  private static void toExtended(Completed c, Extended p) {
    F.mul(c.x, c.t, p.x);
    F.mul(c.y, c.z, p.y);
    F.mul(c.z, c.t, p.z);
    F.mul(c.x, c.y, p.t);
  }

  private static void toCached(Extended p, Cached c) {
    F.add(p.y, p.x, c.yPlusX);
    F.sub(p.y, p.x, c.yMinusX);
    F.copy(p.z, 0, c.z, 0);
    F.mul(p.t, D2, c.t2d);
  }

  /**
   * Width-w non-adjacent form of a little-endian 32-byte scalar below 2^255: 256 digits, each zero
   * or odd with absolute value below 2^(w-1), any two non-zero digits at least w positions apart,
   * and sum digit[i] 2^i = the scalar.
   */
  static byte[] wnaf(byte[] scalar, int w) {
    long[] words = new long[5];
    for (int i = 0; i < 32; i++) {
      words[i >>> 3] |= (scalar[i] & 0xffL) << ((i & 7) << 3);
    }
    byte[] digits = new byte[256];
    int width = 1 << w;
    long mask = width - 1;
    int carry = 0;
    int pos = 0;
    while (pos < 256) {
      int index = pos >>> 6;
      int bit = pos & 63;
      long buffer =
          bit < 64 - w
              ? words[index] >>> bit
              : (words[index] >>> bit) | (words[index + 1] << (64 - bit));
      int window = carry + (int) (buffer & mask);
      if ((window & 1) == 0) {
        pos++;
        continue;
      }
      if (window < width / 2) {
        carry = 0;
        digits[pos] = (byte) window;
      } else {
        carry = 1;
        digits[pos] = (byte) (window - width);
      }
      pos += w;
    }
    return digits;
  }

  private static int[] constant(BigInteger value) {
    byte[] bytes = new byte[32];
    byte[] bigEndian = value.toByteArray();
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      bytes[i] = bigEndian[bigEndian.length - 1 - i];
    }
    int[] limbs = F.create();
    F.decode(bytes, 0, limbs);
    return limbs;
  }

  private static AffineCached[] baseTable() {
    Extended base = decodeZip215(BASE_ENCODING, 0);
    Edwards25519 scratch = new Edwards25519();
    Completed sum = new Completed();
    Extended twice = new Extended();
    scratch.double_(base.x, base.y, base.z, sum);
    toExtended(sum, twice);
    Cached twiceCached = new Cached();
    toCached(twice, twiceCached);

    AffineCached[] table = new AffineCached[1 << (BASE_WIDTH - 2)];
    Extended current = base;
    int[] zInverse = F.create();
    int[] x = F.create();
    int[] y = F.create();
    for (int i = 0; i < table.length; i++) {
      if (i > 0) {
        scratch.add(current, twiceCached, false, sum);
        current = new Extended();
        toExtended(sum, current);
      }
      F.inv(current.z, zInverse);
      F.mul(current.x, zInverse, x);
      F.mul(current.y, zInverse, y);
      AffineCached entry = new AffineCached();
      F.add(y, x, entry.yPlusX);
      F.sub(y, x, entry.yMinusX);
      F.mul(x, y, entry.xy2d);
      F.mul(entry.xy2d, D2, entry.xy2d);
      F.normalize(entry.yPlusX);
      F.normalize(entry.yMinusX);
      F.normalize(entry.xy2d);
      table[i] = entry;
    }
    return table;
  }
}
