package org.bcos.ledger;

/**
 * The ledger was asked to propose, check or commit a block under a protocol version this software
 * does not ship; nothing was written. Not a fault of the block or its sender: the node stops.
 */
public final class UpgradeRequiredException extends RuntimeException {
  private final UpgradeRequired required;

  public UpgradeRequiredException(UpgradeRequired required) {
    super(required.line());
    this.required = required;
  }

  public UpgradeRequired required() {
    return required;
  }
}
