package org.bcos.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bcos.crypto.BouncyCastleVerifier;
import org.bcos.crypto.Ed25519KeyPair;
import org.bcos.crypto.SignatureVerifier;
import org.bcos.crypto.SodiumVerifier;
import org.bcos.crypto.Zip215Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Ed25519 verifications per second on each path, valid and invalid signatures. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SignatureBenchmark {
  @Param({"sodium", "bouncycastle", "zip215"})
  public String path;

  @Param({"valid", "invalid"})
  public String signature;

  private SignatureVerifier verifier;
  private byte[] publicKey;
  private byte[] message;
  private byte[] sig;

  @Setup
  public void setUp() {
    verifier = switch (path) {
      case "sodium" -> SodiumVerifier.load().orElseThrow(
          () -> new IllegalStateException("libsodium is not installed"));
      case "bouncycastle" -> new BouncyCastleVerifier();
      default -> new Zip215Verifier();
    };
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(new byte[32]);
    publicKey = key.publicKey();
    message = "a 32-byte transaction digest....".getBytes(StandardCharsets.US_ASCII);
    sig = key.sign(message);
    if (signature.equals("invalid")) sig[5] ^= 1;
  }

  @Benchmark
  public boolean verify() {
    return verifier.verify(publicKey, message, sig);
  }
}
