package org.bcos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import org.bcos.ledger.notary.api.Anchor;
import org.bcos.ledger.notary.api.Attestation;
import org.bcos.types.Address;
import org.bcos.types.Hash;
import org.bcos.types.Hex;

/**
 * Checks a node's {@code notary_getAnchor} answer here: every entry against the state root of the
 * block it names (read from that block's header), and the attestation list against the count the
 * proven anchor holds, so a node can neither alter an anchor nor leave out an attestation. What
 * is printed comes from the proven bytes, never from the node's convenience fields; block times
 * come from the node's headers.
 */
final class NotaryProofs {
  private NotaryProofs() {}

  /** The verified view of {@code answer}, or PROOF_INVALID. {@code block}: the proof's block. */
  static ObjectNode verify(Hash document, JsonNode answer, JsonNode block) {
    Hash root = Hash.fromHex(block.path("stateRoot").asText());
    long height = block.path("height").asLong();
    check(height == answer.path("height").asLong()
        && root.toHex().equals(answer.path("stateRoot").asText()),
        "the answer is not for the state root of block " + height);
    ObjectNode out = Output.object().put("document", document.toHex());
    if (!answer.path("anchored").asBoolean()) {
      check(StateProofs.verify(root, Anchor.STATE_COLUMN, document.toBytes(), Optional.empty(),
          hex(answer, "anchorProof")), "the node's proof of absence does not verify");
      out.put("anchored", false);
      return proven(out, height, root);
    }
    byte[] entry = hex(answer, "anchorEntry");
    check(StateProofs.verify(root, Anchor.STATE_COLUMN, document.toBytes(), Optional.of(entry),
        hex(answer, "anchorProof")), "the anchor's proof does not verify");
    Anchor anchor = Anchor.decode(entry);
    JsonNode times = answer.path("anchor");
    out.put("anchored", true).put("anchorer", anchor.anchorer().toString())
        .put("anchoredHeight", anchor.anchoredHeight())
        .put("anchoredTime", iso(times.path("anchoredTimeMillis")))
        .put("label", anchor.label()).put("revoked", anchor.revoked());
    if (anchor.revoked()) {
      out.put("revokedHeight", anchor.revokedHeight())
          .put("revokedTime", iso(times.path("revokedTimeMillis")));
    }
    ArrayNode attestations = out.putArray("attestations");
    for (JsonNode a : answer.path("attestations")) {
      attestations.add(attestation(root, document, a));
    }
    check(attestations.size() == anchor.attestations(), "the anchor holds "
        + anchor.attestations() + " attestations, the node showed " + attestations.size());
    return proven(out, height, root);
  }

  private static ObjectNode attestation(Hash root, Hash document, JsonNode a) {
    byte[] key = Attestation.key(document, attester(a));
    byte[] entry = hex(a, "entry");
    check(StateProofs.verify(root, Attestation.STATE_COLUMN, key, Optional.of(entry),
        hex(a, "proof")), "the proof of " + a.path("attester").asText() + "'s attestation "
        + "does not verify");
    Attestation t = Attestation.decode(key, entry);
    return Output.object().put("attester", t.attester().toString()).put("height", t.height())
        .put("time", iso(a.path("timeMillis")));
  }

  private static Address attester(JsonNode a) {
    try {
      return Address.parse(a.path("attester").asText());
    } catch (IllegalArgumentException e) {
      throw new CliException("PROOF_INVALID", "the node named no attester: " + e.getMessage());
    }
  }

  private static ObjectNode proven(ObjectNode out, long height, Hash root) {
    return out.put("proofHeight", height).put("stateRoot", root.toHex())
        .put("proofVerified", true);
  }

  /** Prints the verified view for people, one fact a line. */
  static void printHuman(ObjectNode v) {
    PrintStream out = System.out;
    out.println("document:    " + v.path("document").asText()
        + (v.has("file") ? "  (" + v.path("file").asText() + ")" : ""));
    out.println("anchored by: " + v.path("anchorer").asText() + " at height "
        + v.path("anchoredHeight").asLong() + " (" + v.path("anchoredTime").asText() + ")");
    out.println("label:       " + v.path("label").asText());
    if (v.path("attestations").isEmpty()) out.println("attested by: nobody yet");
    String lead = "attested by: ";
    for (JsonNode a : v.path("attestations")) {
      out.println(lead + a.path("attester").asText() + " at height " + a.path("height").asLong()
          + " (" + a.path("time").asText() + ")");
      lead = "             ";
    }
    out.println("revoked:     " + (v.path("revoked").asBoolean() ? "yes, at height "
        + v.path("revokedHeight").asLong() + " (" + v.path("revokedTime").asText() + ")" : "no"));
    out.println("proof verified against block " + v.path("proofHeight").asLong()
        + " state root " + v.path("stateRoot").asText());
  }

  private static String iso(JsonNode millis) {
    return millis.isIntegralNumber() ? Instant.ofEpochMilli(millis.asLong()).toString() : "?";
  }

  private static byte[] hex(JsonNode node, String field) {
    try {
      return Hex.decode(node.path(field).asText());
    } catch (IllegalArgumentException e) {
      throw new CliException("PROOF_INVALID", "the node's " + field + " is not hex");
    }
  }

  private static void check(boolean ok, String problem) {
    if (!ok) throw new CliException("PROOF_INVALID", problem);
  }
}
