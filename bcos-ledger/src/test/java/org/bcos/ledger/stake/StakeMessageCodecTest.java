package org.bcos.ledger.stake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bcos.ledger.Modules;
import org.bcos.ledger.stake.api.StakeBond;
import org.bcos.ledger.stake.api.StakeUnbond;
import org.bcos.ledger.stake.api.StakeWithdrawRewards;
import org.bcos.types.Address;
import org.bcos.types.Hex;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;
import org.bcos.types.tx.Message;
import org.junit.jupiter.api.Test;

/**
 * The wire bytes of the stake messages naming a validator, pinned: chains of version 3 and later
 * carry them, so they never change (the records share their codec, {@code StakeAmountMessage}).
 */
class StakeMessageCodecTest {
  private static final Address VALIDATOR = Address.wrap(Hex.decode("07".repeat(32)));
  private static final String VALIDATOR_HEX = "07".repeat(32);

  @Test
  void bondUnbondAndWithdrawEncodeAsTheyAlwaysDid() {
    assertBytes(new StakeBond(VALIDATOR, 0x0102030405060708L), 43,
        VALIDATOR_HEX + "0102030405060708");
    assertBytes(new StakeUnbond(VALIDATOR, Long.MAX_VALUE), 44, VALIDATOR_HEX
        + "7fffffffffffffff");
    assertBytes(new StakeWithdrawRewards(VALIDATOR), 46, VALIDATOR_HEX);
  }

  @Test
  void aMissingValidatorIsRefusedAndTrailingBytesAreNotDecoded() {
    assertThrows(NullPointerException.class, () -> new StakeBond(null, 1));
    assertThrows(NullPointerException.class, () -> new StakeUnbond(null, 1));
    byte[] trailing = Hex.decode(VALIDATOR_HEX + "0000000000000001" + "00");
    for (int tag : List.of(43, 44)) {
      assertThrows(RuntimeException.class, () -> {
        Decoder d = new Decoder(trailing);
        Modules.STANDARD.decode(tag, d);
        d.finish();
      });
    }
  }

  private static void assertBytes(Message m, int tag, String hex) {
    assertEquals(tag, m.tag());
    Encoder e = new Encoder(64);
    m.encodeFields(e);
    assertEquals(hex, Hex.encode(e.toByteArray()), m.toString());
    Decoder d = new Decoder(Hex.decode(hex));
    assertEquals(m, Modules.STANDARD.decode(tag, d));
    d.finish();
  }
}
