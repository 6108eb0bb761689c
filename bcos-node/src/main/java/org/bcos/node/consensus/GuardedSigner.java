package org.bcos.node.consensus;

import java.io.IOException;
import java.util.Objects;
import org.bcos.consensus.Signer;
import org.bcos.consensus.SigningRefusedException;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.types.Address;
import org.bcos.types.Hash;

/**
 * The validator key behind the {@link DoubleSignGuard}: a consensus message is signed only after
 * the guard has recorded it durably. When the guard cannot write (a full disk, no descriptors
 * left) the signature is refused, never made: the machine stays silent for that step and {@link
 * #guardFailure()} says why until a later record succeeds.
 */
public final class GuardedSigner implements Signer {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.consensus");
  private final Ed25519KeyPair key;
  private final DoubleSignGuard guard;
  private volatile IOException guardFailure;

  public GuardedSigner(Ed25519KeyPair key, DoubleSignGuard guard) {
    this.key = Objects.requireNonNull(key, "key");
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  @Override
  public Address address() {
    return key.address();
  }

  @Override
  public void authorize(long height, int round, int kind, Hash valueId, byte[] signingBytes) {
    DoubleSignGuard.Admission admission;
    try {
      admission = guard.admit(height, round, kind, valueId, signingBytes);
    } catch (IOException e) {
      guardFailure = e;
      throw new SigningRefusedException(SigningRefusedException.Reason.GUARD_UNAVAILABLE,
          "the double-sign guard could not record height " + height + " round " + round
              + " kind " + kind + ": " + e.getMessage(), e);
    }
    guardFailure = null;
    if (!admission.admitted() && height < guard.height()) {
      // a node catching up starts each synced height once; it signs nothing below its last
      LOG.debug("not signing at height {}: this validator signed at {} already", height,
          guard.height());
      throw new SigningRefusedException(SigningRefusedException.Reason.CONFLICT, "height "
          + height + " is below the last signed height " + guard.height(), null);
    }
    if (!admission.admitted()) {
      String what = "this validator already signed another message for height " + height
          + " round " + round + " kind " + kind + " (before a restart that lost its data?)";
      SigningRefusedException.EarlierVote earlier = admission.earlierVote()
          .map(value -> new SigningRefusedException.EarlierVote(value.orElse(null)))
          .orElse(null);
      LOG.warn("not signing: " + what + (earlier == null ? ""
          : "; re-sending the vote it signed then"));
      throw new SigningRefusedException(SigningRefusedException.Reason.CONFLICT, what, null,
          earlier);
    }
  }

  @Override
  public byte[] sign(byte[] message) {
    return key.sign(message);
  }

  /** The last write failure of the guard, or null once a record has succeeded since. */
  public IOException guardFailure() {
    return guardFailure;
  }
}
