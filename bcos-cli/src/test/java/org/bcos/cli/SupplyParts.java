package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.bcos.client.BcosClient;
import org.bcos.types.Amount;

/**
 * A {@code bcos_supply} answer read for tests: the units of each kind of holding at one height,
 * checked whole (every kind sums to exactly 50 bn DDC, as the answer's total says).
 */
record SupplyParts(long height, Map<String, Long> units) {
  static SupplyParts read(BcosClient client) {
    JsonNode answer = client.call("bcos_supply");
    Map<String, Long> parts = new TreeMap<>();
    long sum = 0;
    for (JsonNode h : answer.path("holdings")) {
      long u = Long.parseLong(h.path("amountUnits").asText());
      parts.put(h.path("kind").asText(), u);
      sum = Math.addExact(sum, u);
    }
    assertEquals(Amount.TOTAL_SUPPLY_UNITS, sum, "holdings sum to the supply: " + answer);
    assertEquals(Long.toString(sum), answer.path("totalUnits").asText());
    assertTrue(answer.path("whole").asBoolean(), answer.toString());
    return new SupplyParts(answer.path("height").asLong(), parts);
  }

  long of(String kind) {
    return units.getOrDefault(kind, 0L);
  }

  /** Rewards shared out and not withdrawn: commission, outstanding, community pool. */
  long sharedRewards() {
    return Math.addExact(Math.addExact(of("commission"), of("outstandingRewards")),
        of("communityPool"));
  }
}
