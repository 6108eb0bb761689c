package org.bcos.ledger.stake.api;

import java.util.Objects;
import java.util.function.BiFunction;
import org.bcos.types.Address;
import org.bcos.types.codec.Decoder;
import org.bcos.types.codec.Encoder;

/**
 * A stake message moving {@code units} of the sender's bond with the validator {@code validator}
 * operates (bond, unbond): one encoding, {@code address validator | u64 units}, one decoding and
 * one check for both.
 */
public sealed interface StakeAmountMessage extends StakeMessage permits StakeBond, StakeUnbond {
  /** The operator address of the validator. */
  Address validator();

  /** Base units bonded or unbonded. */
  long units();

  @Override
  default void encodeFields(Encoder e) {
    e.address(validator()).u64(units());
  }

  /** Reads the fields {@link #encodeFields} writes and makes the message of them. */
  static <M extends StakeAmountMessage> M decode(Decoder d,
      BiFunction<Address, Long, M> message) {
    Address validator = d.address();
    return message.apply(validator, d.u64());
  }

  /** The check of every such message's constructor: a validator is named. */
  static void check(Address validator) {
    Objects.requireNonNull(validator, "validator");
  }
}
