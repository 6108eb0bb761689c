package org.bcos.ledger.dvs.api;

/** Where an issue is in its life (LiquidFeedback's phases; polls go straight to VOTING). */
public enum Phase {
  ADMISSION,
  DISCUSSION,
  VERIFICATION,
  VOTING,
  CLOSED
}
