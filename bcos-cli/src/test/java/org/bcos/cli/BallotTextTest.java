package org.bcos.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ballots read by option name, per method, with the status quo named in rankings. */
class BallotTextTest {
  private static final List<String> OPTIONS = List.of("Smaller classes", "Longer days", "Tram");

  private static JsonNode values(long... v) {
    var a = Output.array();
    for (long x : v) a.add(x);
    return a;
  }

  @Test
  void eachMethodReadsByName() {
    assertEquals("Longer days", BallotText.describe("SINGLE_CHOICE", OPTIONS, values(1)));
    assertEquals("veto", BallotText.describe("YES_NO", List.of("yes"), values(3)));
    assertEquals("approves Smaller classes, Tram",
        BallotText.describe("APPROVAL", OPTIONS, values(0, 2)));
    assertEquals("Smaller classes: 3, Longer days: 0, Tram: 1",
        BallotText.describe("SCORE", OPTIONS, values(3, 0, 1)));
  }

  @Test
  void rankingsListInRankOrderWithTheStatusQuoAndSkipUnranked() {
    assertEquals("1. Tram, 2. Status quo, 3. Smaller classes",
        BallotText.describe("SCHULZE", OPTIONS, values(3, 0, 1, 2)));
    assertEquals("nothing ranked", BallotText.describe("IRV", OPTIONS, values(0, 0, 0)));
    assertEquals("#7", BallotText.describe("SINGLE_CHOICE", OPTIONS, values(7)));
  }

  private static JsonNode issue(String mode, String method) {
    var n = Output.object().put("mode", mode);
    n.putObject("rules").put("method", method);
    var options = n.putArray("options");
    OPTIONS.forEach(o -> options.addObject().put("text", o));
    return n;
  }

  @Test
  void ranksByNameFollowTheValuesFormatWithTheStatusQuoLast() {
    JsonNode party = issue("deliberative", "SCHULZE");
    assertArrayEquals(new long[] {3, 0, 1, 2},
        BallotText.ranks(party, "tram, Status quo,Smaller classes"));
    assertArrayEquals(new long[] {0, 1, 2}, BallotText.ranks(party, "Longer days,Tram"));
    assertArrayEquals(new long[] {2, 1, 0},
        BallotText.ranks(issue("poll", "IRV"), "Longer days,Smaller classes"));
  }

  @Test
  void unknownOrRepeatedNamesAndAStatusQuoWithoutOneAreRefused() {
    JsonNode poll = issue("poll", "IRV");
    assertEquals("INVALID_DVS_INPUT", assertThrows(CliException.class,
        () -> BallotText.ranks(poll, "Bus")).reason());
    assertEquals("INVALID_DVS_INPUT", assertThrows(CliException.class,
        () -> BallotText.ranks(poll, "Tram,tram")).reason());
    assertEquals("INVALID_DVS_INPUT", assertThrows(CliException.class,
        () -> BallotText.ranks(poll, "Tram,Status quo")).reason());
  }
}
