package org.bcos.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainIdTest {
  static final List<String> VALID =
      List.of("a", "7", "bcos-dev", "bcos-testnet-2", "x-", "a".repeat(ChainId.MAX_LENGTH));
  static final List<String> INVALID = List.of("", "-bcos", "Bcos", "bcos dev", "bcos_dev",
      "bcos.dev", "bcös", "a".repeat(ChainId.MAX_LENGTH + 1));

  @Test
  void idsOfLowercaseLettersDigitsAndInnerHyphensUpToTheLimitPass() {
    for (String id : VALID) {
      assertTrue(ChainId.isValid(id), id);
      assertEquals(id, ChainId.check(id));
    }
  }

  @Test
  void anyOtherIdIsRefusedWithTheRuleAndTheValueNamed() {
    for (String id : INVALID) {
      assertFalse(ChainId.isValid(id), id);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ChainId.check(id));
      assertEquals("chain id must be " + ChainId.RULE + ", got '" + id + "'", e.getMessage());
    }
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> ChainId.check(null));
    assertEquals("chain id must be " + ChainId.RULE + ", got none", none.getMessage());
  }

  @Test
  void theLongestIdFitsTheLimitInUtf8Bytes() {
    String longest = "z".repeat(ChainId.MAX_LENGTH);
    assertEquals(ChainId.MAX_LENGTH, longest.getBytes(StandardCharsets.UTF_8).length);
  }
}
