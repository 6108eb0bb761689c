package org.bcos.ledger.upgrade.api;

import java.util.Objects;
import org.bcos.types.Hash;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A software upgrade: from {@code height} on, the chain runs under protocol {@code version},
 * shipped by the release whose artifact has SHA-256 {@code release}. Encoding (the value stored
 * in the upgrade module's columns): {@code string name | u32 version | hash release | u64 height
 * | u64 scheduledAt}.
 *
 * @param name what people call it, 1..{@value #MAX_NAME_LENGTH} of {@code a-z 0-9 . _ -}
 * @param version the protocol version that governs from {@code height} on
 * @param release SHA-256 of the release artifact that ships the version
 * @param height the activation height: the first block under the new version
 * @param scheduledAt the height of the block that scheduled it (0 for the genesis version)
 */
public record UpgradePlan(String name, int version, Hash release, long height,
    long scheduledAt) {
  public static final int MAX_NAME_LENGTH = 64;
  /** The name of the entry that records a genesis version other than the default. */
  public static final String GENESIS_NAME = "genesis";

  public UpgradePlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(release, "release");
    if (version < 1 || height < 0 || scheduledAt < 0) {
      throw new IllegalArgumentException("upgrade version >= 1, heights >= 0");
    }
  }

  /** Whether the name has the allowed form (checked by the api, refused by name there). */
  public boolean hasValidName() {
    return name.matches("[a-z0-9][a-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");
  }

  public byte[] encode() {
    return new Encoder(128).string(name).u32(version).hash(release).u64(height).u64(scheduledAt)
        .toByteArray();
  }

  public static UpgradePlan decode(byte[] bytes) {
    Decoder d = new Decoder(bytes);
    UpgradePlan plan = new UpgradePlan(d.string(MAX_NAME_LENGTH), d.u32AsInt(), d.hash(), d.u64(),
        d.u64());
    d.finish();
    return plan;
  }

  /** One line for people: name, version, release hash and height. */
  public String describe() {
    return "\"" + name + "\" (protocol version " + version + ", release sha256 " + release.toHex()
        + ", height " + height + ")";
  }
}
