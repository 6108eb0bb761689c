package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.types.Address;
import org.bcos.types.Amount;
import org.bcos.types.Digests;
import org.bcos.types.Hash;
import org.bcos.types.Hex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code bcos notary} commands as a user runs them (each a separate CLI process) against a
 * real dev node: anchor, attest from a second key, verify with the proof checked locally, named
 * refusals, revoke; and the client refusing a node's answer that was tampered with.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NotaryCliIT {
  @TempDir Path root;
  private InProcessNode chain;
  private CliProcess cli;
  private Path passphrase;
  private Path document;

  @BeforeEach
  void start() throws Exception {
    chain = InProcessNode.start(root);
    cli = new CliProcess(root, root);
    passphrase = Files.writeString(root.resolve("passphrase.txt"),
        "correct horse battery staple\n", StandardCharsets.UTF_8);
    document = Files.writeString(root.resolve("lease.txt"), "Lease, flat 3B, 2027-2029\n",
        StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() {
    if (chain != null) chain.close();
  }

  private CliProcess.Run bcos(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    if (!args[0].equals("key")) all.addAll(List.of("--rpc", chain.url()));
    return cli.run(all.toArray(String[]::new));
  }

  private JsonNode ok(String... args) throws Exception {
    CliProcess.Run run = bcos(args);
    assertEquals(0, run.exitCode(), run.toString());
    return run.json();
  }

  /** Runs a command that must fail with {@code reason} (exit 1, one error line). */
  private void refused(String reason, String... args) throws Exception {
    CliProcess.Run run = bcos(args);
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.stderr().contains("error: " + reason + ":"), run.stderr());
  }

  private Address newFundedKey(String name) throws Exception {
    Address a = Address.parse(ok("key", "new", "--name", name, "--passphrase-file",
        passphrase.toString(), "--json").path("address").asText());
    chain.fund(a, Amount.parse("10"));
    return a;
  }

  private long blockTime(long height) {
    return chain.client().block(Long.toString(height), false).path("timeMillis").asLong();
  }

  @Test
  void anchorAttestVerifyRefuseRevoke() throws Exception {
    String pass = passphrase.toString();
    Address bob = newFundedKey("bob");
    Hash hash = Digests.sha256(Files.readAllBytes(document));
    JsonNode anchored = ok("notary", "anchor", document.toString(), "--label", "Lease, flat 3B",
        "--from", "dev", "--json");
    assertEquals(hash.toHex(), anchored.path("document").asText());
    long anchorHeight = anchored.path("height").asLong();
    long attestHeight = ok("notary", "attest", "--hash", hash.toHex(), "--from", "bob",
        "--passphrase-file", pass, "--json").path("height").asLong();

    JsonNode v = ok("notary", "verify", document.toString(), "--json");
    assertTrue(v.path("anchored").asBoolean() && v.path("proofVerified").asBoolean(),
        v.toString());
    assertEquals(chain.dev.address().toString(), v.path("anchorer").asText());
    assertEquals(anchorHeight, v.path("anchoredHeight").asLong());
    assertEquals(Instant.ofEpochMilli(blockTime(anchorHeight)).toString(),
        v.path("anchoredTime").asText());
    assertEquals("Lease, flat 3B", v.path("label").asText());
    assertEquals(1, v.path("attestations").size());
    JsonNode attestation = v.path("attestations").get(0);
    assertEquals(bob.toString(), attestation.path("attester").asText());
    assertEquals(attestHeight, attestation.path("height").asLong());
    assertEquals(Instant.ofEpochMilli(blockTime(attestHeight)).toString(),
        attestation.path("time").asText());
    assertFalse(v.path("revoked").asBoolean());

    CliProcess.Run human = bcos("notary", "verify", document.toString());
    assertEquals(0, human.exitCode(), human.toString());
    assertTrue(human.stdout().contains("anchored by: " + chain.dev.address() + " at height "
        + anchorHeight), human.stdout());
    assertTrue(human.stdout().contains("attested by: " + bob + " at height " + attestHeight),
        human.stdout());
    assertTrue(human.stdout().contains("revoked:     no"), human.stdout());
    assertTrue(human.stdout().contains("proof verified against block "), human.stdout());

    refused("ALREADY_ANCHORED", "notary", "anchor", document.toString(), "--from", "bob",
        "--passphrase-file", pass);
    refused("NOT_ANCHORER", "notary", "revoke", document.toString(), "--from", "bob",
        "--passphrase-file", pass);
    refused("SELF_ATTESTATION", "notary", "attest", document.toString(), "--from", "dev");

    long revokeHeight = ok("notary", "revoke", document.toString(), "--from", "dev", "--json")
        .path("height").asLong();
    JsonNode after = ok("notary", "verify", document.toString(), "--json");
    assertTrue(after.path("revoked").asBoolean(), after.toString());
    assertEquals(revokeHeight, after.path("revokedHeight").asLong());
    assertEquals(Instant.ofEpochMilli(blockTime(revokeHeight)).toString(),
        after.path("revokedTime").asText());
    assertEquals(1, after.path("attestations").size(), "attestations stay on record");
    CliProcess.Run revokedHuman = bcos("notary", "verify", document.toString());
    assertTrue(revokedHuman.stdout().contains("revoked:     yes, at height " + revokeHeight),
        revokedHuman.stdout());
  }

  @Test
  void aDocumentNeverAnchoredIsANamedErrorWithItsAbsenceProven() throws Exception {
    refused("NOT_ANCHORED", "notary", "verify", document.toString());
    JsonNode answer = chain.client().call("notary_getAnchor", Digests.sha256(
        Files.readAllBytes(document)).toHex());
    assertFalse(answer.path("anchored").asBoolean(), answer.toString());
    refused("NO_SUCH_ANCHOR", "notary", "attest", document.toString(), "--from", "dev");
  }

  @Test
  void aTamperedOrIncompleteAnswerIsRefused() throws Exception {
    newFundedKey("carol");
    Hash hash = Digests.sha256(Files.readAllBytes(document));
    ok("notary", "anchor", document.toString(), "--from", "dev", "--json");
    ok("notary", "attest", document.toString(), "--from", "carol", "--passphrase-file",
        passphrase.toString(), "--json");
    ObjectNode answer = (ObjectNode) chain.client().call("notary_getAnchor", hash.toHex());
    JsonNode block = chain.client().block(answer.path("height").asText(), false);
    assertTrue(NotaryProofs.verify(hash, answer, block).path("proofVerified").asBoolean());

    ObjectNode forged = answer.deepCopy();
    Anchor real = Anchor.decode(Hex.decode(answer.path("anchorEntry").asText()));
    forged.put("anchorEntry", Hex.encode(new Anchor(InProcessNode.freshKey().address(),
        real.anchoredHeight(), 0, real.attestations(), real.label()).encode()));
    assertProofInvalid(hash, forged, block);

    ObjectNode hidden = answer.deepCopy();
    ((ArrayNode) hidden.path("attestations")).removeAll();
    assertProofInvalid(hash, hidden, block);

    ObjectNode otherDocument = answer.deepCopy();
    assertProofInvalid(Digests.sha256(new byte[] {1}), otherDocument, block);

    chain.fund(InProcessNode.freshKey().address(), 1);
    JsonNode laterBlock = chain.client().block("latest", false);
    assertProofInvalid(hash, answer, laterBlock);
  }

  private static void assertProofInvalid(Hash hash, JsonNode answer, JsonNode block) {
    assertEquals("PROOF_INVALID", assertThrows(CliException.class,
        () -> NotaryProofs.verify(hash, answer, block)).reason());
  }
}
