package org.bcos.ledger.upgrade.api;

import org.bcos.types.tx.Rejection;

/** Why the upgrade module refused to schedule or cancel an upgrade (codes -32100..-32109). */
public enum UpgradeRejection implements Rejection {
  UPGRADE_NAME_INVALID(-32100, "an upgrade name is 1-64 characters of a-z, 0-9, '.', '_', '-'"),
  UPGRADE_HEIGHT_PASSED(-32101, "the activation height must be after the block that schedules "
      + "the upgrade"),
  UPGRADE_TOO_FAR(-32102, "the activation height is further ahead than allowed"),
  UPGRADE_ALREADY_SCHEDULED(-32103, "another upgrade is scheduled; cancel it first"),
  UPGRADE_NAME_USED(-32104, "an upgrade of this name has already activated"),
  UPGRADE_VERSION_NOT_NEWER(-32105, "the upgrade's protocol version is not newer than the "
      + "version in force"),
  NO_SCHEDULED_UPGRADE(-32106, "no upgrade is scheduled"),
  UPGRADE_NAME_MISMATCH(-32107, "the scheduled upgrade has another name"),
  UPGRADE_ALREADY_ACTIVE(-32108, "the upgrade's activation height is reached; it cannot be "
      + "cancelled");

  private final int code;
  private final String sentence;

  UpgradeRejection(int code, String sentence) {
    this.code = code;
    this.sentence = sentence;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String sentence() {
    return sentence;
  }
}
