package org.bcos.ledger.notary.api;

import java.util.Objects;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/** One account's attestation of an anchored document, at the height it was made. */
public record Attestation(Address attester, long height) {
  /**
   * The state column of attestations, keyed by {@link #key document hash ‖ attester} (64 bytes),
   * valued by the height as u64: part of the proof format, like {@link Anchor#STATE_COLUMN}.
   */
  public static final Column STATE_COLUMN = new Column(51, "notary_attestations");

  public Attestation {
    Objects.requireNonNull(attester, "attester");
    if (height < 1) throw new IllegalStateException("attested at " + height);
  }

  /** The state key of {@code attester}'s attestation of {@code document}. */
  public static byte[] key(Hash document, Address attester) {
    byte[] key = new byte[Hash.LENGTH + Address.LENGTH];
    document.copyTo(key, 0);
    attester.copyTo(key, Hash.LENGTH);
    return key;
  }

  /** The attester named by an attestation key. */
  public static Address attesterOf(byte[] key) {
    if (key.length != Hash.LENGTH + Address.LENGTH) {
      throw new IllegalStateException("attestation key of " + key.length + " bytes");
    }
    return Address.wrap(java.util.Arrays.copyOfRange(key, Hash.LENGTH, key.length));
  }

  /** The stored value: the height. */
  public byte[] encodeValue() {
    return new Encoder(8).u64(height).toByteArray();
  }

  public static Attestation decode(byte[] key, byte[] value) {
    Decoder d = new Decoder(value);
    Attestation a = new Attestation(attesterOf(key), d.u64());
    d.finish();
    return a;
  }
}
