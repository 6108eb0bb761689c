package org.bcos.ledger.spi.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The description of one JSON-RPC method, from which its OpenRPC entry is generated: its name, a
 * one-line summary, a longer description, its positional parameters in order (required ones
 * first: an optional parameter can only be left out at the end), its result and the errors it
 * names. The node refuses a call with more parameters than listed here.
 */
public record RpcMethodSpec(String name, String summary, String description,
    List<RpcParam> params, RpcResult result, List<RpcFailure> failures) {
  /** {@code module_camelCase} (e.g. {@code dvs_getIssue}) or the reserved {@code rpc.discover}. */
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*[._][a-z][A-Za-z0-9]*");

  public RpcMethodSpec {
    requireText(name, "method name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("method name '" + name + "' is not module_camelCase");
    }
    requireText(summary, "summary of " + name);
    if (summary.contains("\n")) throw new IllegalArgumentException("summary is one line: " + name);
    Objects.requireNonNull(description, "description");
    params = List.copyOf(params);
    Objects.requireNonNull(result, "result");
    failures = List.copyOf(failures);
    checkParams(name, params);
  }

  /** Names unique, and no required parameter after an optional one. */
  private static void checkParams(String method, List<RpcParam> params) {
    Set<String> names = new TreeSet<>();
    boolean optionalSeen = false;
    for (RpcParam p : params) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException(method + " lists parameter '" + p.name() + "' twice");
      }
      if (p.required() && optionalSeen) {
        throw new IllegalArgumentException(method + ": required parameter '" + p.name()
            + "' follows an optional one");
      }
      optionalSeen |= !p.required();
    }
  }

  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
  }
}
