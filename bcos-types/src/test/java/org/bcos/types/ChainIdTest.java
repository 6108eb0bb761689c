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

  @Test
  void aNetworkIdIsTheChainIdTaggedWithItsGenesis() {
    Hash genesis = Digests.sha256(new byte[] {7});
    String id = ChainId.networkId("bcos-dev", genesis);
    assertEquals("bcos-dev/" + genesis.toHex().substring(0, ChainId.GENESIS_TAG_DIGITS), id);
    assertEquals(id, ChainId.checkNetworkId(id));
    assertEquals("bcos-dev", ChainId.checkNetworkId("bcos-dev"));
    String longest = ChainId.networkId("z".repeat(ChainId.MAX_LENGTH), genesis);
    assertEquals(ChainId.MAX_NETWORK_ID_LENGTH, longest.getBytes(StandardCharsets.UTF_8).length);
    assertThrows(IllegalArgumentException.class, () -> ChainId.networkId("Bcos", genesis));
  }

  @Test
  void aNetworkIdWithABadChainIdOrTagIsRefused() {
    List<String> bad = List.of("Bcos/0123456789abcdef", "/0123456789abcdef", "bcos/",
        "bcos/0123456789ABCDEF", "bcos/0123456789abcde", "bcos/0123456789abcdef0",
        "bcos/0123456789abcdeg", "bcos/0123456789abcdef/x");
    for (String id : bad) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ChainId.checkNetworkId(id), id);
      assertTrue(e.getMessage().contains("chain id must be") || e.getMessage().contains(
          "network id must be a chain id, alone or followed by '/'"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> ChainId.checkNetworkId(null));
  }
}
