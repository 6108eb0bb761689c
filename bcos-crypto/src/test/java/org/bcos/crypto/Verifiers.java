package org.bcos.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Every verifier path available on this machine, and test-resource helpers. */
final class Verifiers {
  private Verifiers() {}

  /**
   * The reference (first), the BouncyCastle path, the native path if libsodium loads, and last the
   * slow BigInteger oracle the reference was checked against.
   */
  static List<SignatureVerifier> all() {
    List<SignatureVerifier> verifiers = new ArrayList<>();
    verifiers.add(new Zip215Verifier());
    verifiers.add(new BouncyCastleVerifier());
    SodiumVerifier.load().ifPresent(verifiers::add);
    verifiers.add(new Zip215OracleVerifier());
    return verifiers;
  }

  /** Non-comment, non-blank lines of a resource next to this class, split on '|'. */
  static List<String[]> records(String resource) {
    try (InputStream in = Verifiers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String[]> records = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          records.add(line.split("\\|", -1));
        }
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
