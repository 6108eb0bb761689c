package org.bcos.consensus;

/** The three timeouts of Algorithm 1 (lines 57, 61, 65). */
public enum TimeoutKind {
  PROPOSE,
  PREVOTE,
  PRECOMMIT
}
