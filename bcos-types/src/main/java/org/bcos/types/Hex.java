package org.bcos.types;

/** Lower-case hexadecimal with strict parsing: even length, hex digits only, optional 0x prefix. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex text.
   *
   * @throws IllegalArgumentException with a message naming the problem (odd length, bad digit)
   */
  public static byte[] decode(String text) {
    String s = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if ((s.length() & 1) != 0) {
      throw new IllegalArgumentException("hex text has an odd number of digits");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(s.charAt(2 * i));
      int lo = digit(s.charAt(2 * i + 1));
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw new IllegalArgumentException("not a hex digit: '" + c + "'");
  }
}
