package org.bcos.node.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a configuration file could not be read, in words for the person who wrote it: "not found",
 * "permission denied", or the JSON mistake with its line and column, never a parser's class names
 * or source descriptions.
 */
final class ConfigFiles {
  private ConfigFiles() {}

  /** One sentence for a failure to read {@code file} (a {@code what}, e.g. "config file"). */
  static String describe(String what, Path file, IOException e) {
    return switch (e) {
      case NoSuchFileException n -> what + " not found: " + file;
      case AccessDeniedException a -> what + " " + file + " is not readable (permission denied)";
      case JsonProcessingException j -> what + " " + file + " is not valid JSON: "
          + j.getOriginalMessage() + where(j.getLocation());
      default -> "cannot read " + what + " " + file + ": " + e.getMessage();
    };
  }

  private static String where(JsonLocation location) {
    return location == null ? "" : " (line " + location.getLineNr() + ", column "
        + location.getColumnNr() + ")";
  }
}
