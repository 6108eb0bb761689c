package org.bcos.crypto;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * Native fast path: libsodium's {@code crypto_sign_verify_detached} through the FFM API, with
 * {@link Zip215Verifier} deciding every case libsodium rejects.
 *
 * <p>Why a libsodium ACCEPT is always a ZIP-215 accept: libsodium (1.0.16 and later) accepts only
 * when S &lt; L, A is a canonical encoding of a point that is not of small order, R is not of small
 * order, k = SHA-512(R || A || M) over the received bytes, and the canonical encoding of [S]B -
 * [k]A equals the received R bytes byte for byte. So R is canonical and R = [S]B - [k]A exactly;
 * multiplying by 8 gives ZIP-215's cofactored equation, with both encodings decoded identically by
 * ZIP-215. libsodium's extra strictness only turns accepts into rejects, which the reference then
 * re-decides, so the final answer is exactly ZIP-215's.
 *
 * <p>The call is a critical downcall over heap arrays: no copying and no arena per call. Needs
 * {@code --enable-native-access=ALL-UNNAMED} (the launcher and tests pass it).
 */
public final class SodiumVerifier extends StricterFastPath {
  private static final List<String> LIBRARY_NAMES = List.of("libsodium.so.23", "libsodium.so");
  private static volatile Optional<SodiumVerifier> loaded;

  private final MethodHandle verifyDetached;

  private SodiumVerifier(MethodHandle verifyDetached) {
    this.verifyDetached = verifyDetached;
  }

  /**
   * The verifier if libsodium can be loaded and initialised, else empty. Loads and calls {@code
   * sodium_init} once per JVM; later calls return the same answer.
   */
  public static Optional<SodiumVerifier> load() {
    Optional<SodiumVerifier> result = loaded;
    if (result == null) {
      synchronized (SodiumVerifier.class) {
        result = loaded;
        if (result == null) {
          result = tryLoad();
          loaded = result;
        }
      }
    }
    return result;
  }

  private static Optional<SodiumVerifier> tryLoad() {
    try {
      Optional<SymbolLookup> library = findLibrary();
      if (library.isEmpty()) {
        return Optional.empty();
      }
      Linker linker = Linker.nativeLinker();
      MethodHandle init =
          linker.downcallHandle(
              library.get().findOrThrow("sodium_init"), FunctionDescriptor.of(JAVA_INT));
      int initResult = (int) init.invokeExact();
      if (initResult < 0) {
        return Optional.empty();
      }
      MethodHandle verify =
          linker.downcallHandle(
              library.get().findOrThrow("crypto_sign_verify_detached"),
              FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS),
              Linker.Option.critical(true));
      return Optional.of(new SodiumVerifier(verify));
    } catch (Throwable e) {
      // Missing symbols, native access denied, or an unsupported platform: use pure Java.
      return Optional.empty();
    }
  }

  private static Optional<SymbolLookup> findLibrary() {
    for (String name : LIBRARY_NAMES) {
      try {
        return Optional.of(SymbolLookup.libraryLookup(name, Arena.global()));
      } catch (IllegalArgumentException notFound) {
        // try the next name
      }
    }
    return Optional.empty();
  }

  @Override
  boolean fastAccepts(byte[] publicKey32, byte[] message, byte[] signature64) {
    try {
      int result =
          (int)
              verifyDetached.invokeExact(
                  MemorySegment.ofArray(signature64),
                  MemorySegment.ofArray(message),
                  (long) message.length,
                  MemorySegment.ofArray(publicKey32));
      return result == 0;
    } catch (Throwable e) {
      return false;
    }
  }

  @Override
  public String name() {
    return "sodium";
  }
}
