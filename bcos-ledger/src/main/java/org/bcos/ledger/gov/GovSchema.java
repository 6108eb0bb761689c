package org.bcos.ledger.gov;

import java.util.List;
import org.bcos.storage.Column;
import org.bcos.types.Address;
import org.bcos.types.codec.Encoder;

/** Storage of the gov module (columns 70..73, written only from protocol version 4). */
final class GovSchema {
  /** proposal id → {@link org.bcos.ledger.gov.api.Proposal}. */
  static final Column PROPOSALS = new Column(70, "gov_proposals");
  /** proposal id | depositor → u64 units held (a holding: the supply counts it). */
  static final Column DEPOSITS = new Column(71, "gov_deposits");
  /** u8 kind (1 deposit end, 2 voting end) | u64 height | u64 proposal id → empty. */
  static final Column QUEUE = new Column(72, "gov_queue");
  /** "proposal" → last id; "open" → proposals not yet final. */
  static final Column COUNTERS = new Column(73, "gov_counters");

  static final List<Column> ALL = List.of(PROPOSALS, DEPOSITS, QUEUE, COUNTERS);

  static final int DEPOSIT_END = 1;
  static final int VOTING_END = 2;

  private GovSchema() {}

  static byte[] id(long id) {
    return new Encoder(8).u64(id).toByteArray();
  }

  static byte[] deposit(long id, Address depositor) {
    return new Encoder(40).u64(id).address(depositor).toByteArray();
  }

  static byte[] queue(int kind, long height, long id) {
    return new Encoder(17).u8(kind).u64(height).u64(id).toByteArray();
  }

  static byte[] queuePrefix(int kind, long height) {
    return new Encoder(9).u8(kind).u64(height).toByteArray();
  }
}
