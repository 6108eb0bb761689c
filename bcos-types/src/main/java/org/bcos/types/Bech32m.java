package org.bcos.types;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** Bech32m (BIP-350) text encoding of bytes, with every decoding failure named. */
public final class Bech32m {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32M_CONST = 0x2bc830a3;
  private static final int[] GENERATOR = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3
  };
  /** BIP-173's limit on the whole string. */
  public static final int MAX_LENGTH = 90;

  private Bech32m() {}

  /** A decoding failure; the message says exactly what is wrong. */
  public static final class Bech32mException extends IllegalArgumentException {
    public Bech32mException(String message) {
      super(message);
    }
  }

  public record Decoded(String prefix, byte[] data) {
    public Decoded {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  public static String encode(String prefix, byte[] data) {
    int[] values = convertBits(data, 8, 5, true);
    int[] checksum = checksum(prefix, values);
    StringBuilder sb = new StringBuilder(prefix.length() + 1 + values.length + 6);
    sb.append(prefix).append('1');
    for (int v : values) sb.append(CHARSET.charAt(v));
    for (int v : checksum) sb.append(CHARSET.charAt(v));
    return sb.toString();
  }

  public static Decoded decode(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new Bech32mException("bech32m text longer than " + MAX_LENGTH + " characters");
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) throw new Bech32mException("invalid character at position " + i);
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) throw new Bech32mException("mixed upper and lower case");
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1) throw new Bech32mException("missing prefix or '1' separator");
    if (sep + 7 > s.length()) throw new Bech32mException("too short to hold a checksum");
    String prefix = s.substring(0, sep);
    int[] values = new int[s.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw new Bech32mException(
            "character '" + s.charAt(sep + 1 + i) + "' is not in the bech32 alphabet");
      }
      values[i] = v;
    }
    if (polymod(expand(prefix, values)) != BECH32M_CONST) {
      throw new Bech32mException("checksum mismatch: the text was mistyped or altered");
    }
    int[] payload = java.util.Arrays.copyOf(values, values.length - 6);
    return new Decoded(prefix, toBytes(convertBits(payload, 5, 8, false)));
  }

  private static int[] checksum(String prefix, int[] values) {
    int[] expanded = expand(prefix, values);
    int[] padded = java.util.Arrays.copyOf(expanded, expanded.length + 6);
    int mod = polymod(padded) ^ BECH32M_CONST;
    int[] out = new int[6];
    for (int i = 0; i < 6; i++) out[i] = (mod >>> (5 * (5 - i))) & 31;
    return out;
  }

  private static int[] expand(String prefix, int[] values) {
    int n = prefix.length();
    int[] out = new int[2 * n + 1 + values.length];
    for (int i = 0; i < n; i++) {
      out[i] = prefix.charAt(i) >> 5;
      out[n + 1 + i] = prefix.charAt(i) & 31;
    }
    System.arraycopy(values, 0, out, 2 * n + 1, values.length);
    return out;
  }

  private static int polymod(int[] values) {
    int chk = 1;
    for (int v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) chk ^= GENERATOR[i];
      }
    }
    return chk;
  }

  private static int[] convertBits(byte[] data, int from, int to, boolean pad) {
    int[] in = new int[data.length];
    for (int i = 0; i < data.length; i++) in[i] = data[i] & 0xff;
    return convertBits(in, from, to, pad);
  }

  private static int[] convertBits(int[] data, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int value : data) {
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) out.write((acc << (to - bits)) & maxv);
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new Bech32mException("invalid padding in the data part");
    }
    byte[] raw = out.toByteArray();
    int[] result = new int[raw.length];
    for (int i = 0; i < raw.length; i++) result[i] = raw[i] & 0xff;
    return result;
  }

  private static byte[] toBytes(int[] values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
    return out;
  }
}
