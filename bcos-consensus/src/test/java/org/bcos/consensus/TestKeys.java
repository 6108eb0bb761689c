package org.bcos.consensus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.crypto.Zip215Verifier;

/** Deterministic validator keys and sets for tests. */
final class TestKeys {
  static final SignatureVerifier VERIFIER = new Zip215Verifier();
  static final String CHAIN = "bcos-test";

  private TestKeys() {}

  static Ed25519KeyPair key(int i) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) (i + 1));
    seed[0] = (byte) 0x42;
    return Ed25519KeyPair.fromSeed(seed);
  }

  static List<Ed25519KeyPair> keys(int n) {
    List<Ed25519KeyPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(key(i));
    return out;
  }

  static ValidatorSet set(List<Ed25519KeyPair> keys, long... powers) {
    List<Validator> vs = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      vs.add(new Validator(keys.get(i).address(), powers.length == 0 ? 1 : powers[i]));
    }
    return new ValidatorSet(vs);
  }

  /** Proposes "value h/r" (ASCII) and accepts anything not starting with "bad". */
  static final ValueSource APP =
      new ValueSource() {
        @Override
        public byte[] proposeValue(long height, int round) {
          return ("value " + height + "/" + round).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public boolean isValid(long height, byte[] value) {
          return !new String(value, StandardCharsets.US_ASCII).startsWith("bad");
        }
      };

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
