package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue #10: README.md's five-minute walkthrough runs as a user pastes it ({@link DocsWalkthrough}). */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DocsWalkthroughIT extends DocsWalkthrough {
  @Test
  void readmeWalkthroughRunsAsWritten() throws Exception {
    List<String> outputs = runAll("README.md", "## Five-minute walkthrough", 6,
        "coin, keys, DVS, notary, staking, benchmarks");

    String coin = outputs.get(0);
    assertTrue(has(coin, "status: +final"), "the waited transfer is final:\n" + coin);
    assertTrue(coin.contains("1251.5 DDC"), "alice's balance as the comment says:\n" + coin);
    assertTrue(has(coin, "proofVerified: +true"), "the balance proof checks:\n" + coin);
    assertTrue(has(coin, "minFeeUnits +0\\.0001 DDC +0 DDC\\.\\.1 DDC +params +Smallest fee .*")
        && has(coin, "govValidatorDefaultDelegation +1 +0\\.\\.1 +gov +1: a bonder.*"),
        "parameters in aligned columns, amounts in DDC:\n" + coin);
    assertTrue(has(coin, "total: +12.5 DDC") && has(coin, "total: +1.5 DDC"),
        "both multi-sends, from options and from the file, are final:\n" + coin);
    String keys = outputs.get(1);
    assertTrue(has(keys, "deleted: carol"), keys);
    assertFalse(Files.exists(root.resolve("keys").resolve("carol.key")), "carol was deleted");
    String export = Files.readString(work.resolve("carol.key.json"));
    assertTrue(export.contains("\"kdf\"") && export.contains("\"ciphertext\""),
        "the export is the encrypted key file:\n" + export);
    String dvs = outputs.get(2);
    assertTrue(has(dvs, "winners: Tram"), dvs);
    assertTrue(has(dvs, "match: +true"), "the recount matches:\n" + dvs);
    String notary = outputs.get(3);
    assertTrue(has(notary, "attested by: dd1\\S+ at height \\d+ \\(.*\\)"), notary);
    assertTrue(notary.contains("proof verified against block "), notary);
    String staking = outputs.get(4);
    assertTrue(has(staking, "2 +alice +active +1500 +1500 +5% +dd1\\S+"), "alice ranks second:\n"
        + staking);
    assertTrue(has(staking, "received: +[0-9.]+ DDC"), staking);
    // the time is estimated from the recent block interval (the DVS block's dev mine shortened it)
    assertTrue(has(staking, "completes: +unbonding 100 DDC completes at height [0-9,]+ \\(~[0-9]+"
        + " (s|min|hours|days)\\)"), staking);
    assertTrue(has(staking, "total +50000000000"), "the supply is whole:\n" + staking);
    String bench = outputs.get(5);
    assertTrue(has(bench, "bench: 5000 txs final in \\d+ blocks \\(height \\d+\\), 0 left"
        + " pending"), bench);
    assertTrue(has(bench, "p50Millis: +\\d+"), bench);
  }
}
