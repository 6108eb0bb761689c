package org.bcos.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bcos.types.codec.FuzzContract;

/** Fuzz target for the key file parser (a key file may come from anywhere: a copy, a download). */
class KeyFileJsonFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void keyFile(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    FuzzContract.decode(input.length, List.of(IllegalArgumentException.class),
        () -> KeyFileJson.parse(text));
  }
}
