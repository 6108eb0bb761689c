package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.storage.Column;
import org.bcos.types.Hex;
import org.bcos.types.codec.Encoder;

/** {@code dvs_rawIssueData [issue]}: the raw state entries a client needs to recount an issue. */
final class DvsRawIssueDataMethod extends DvsQueryMethod {
  /** The columns returned, each under its own name: keyed by community, then by issue. */
  private static final List<Column> BY_COMMUNITY = List.of(DvsSchema.COMMUNITIES,
      DvsSchema.AREAS, DvsSchema.MEMBERS, DvsSchema.DELEGATIONS);
  private static final List<Column> BY_ISSUE = List.of(DvsSchema.ISSUES, DvsSchema.BALLOTS,
      DvsSchema.SNAPSHOTS, DvsSchema.FROZEN_DELEGATIONS, DvsSchema.DEFAULT_DELEGATIONS);
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_rawIssueData",
      "The raw state entries of an issue and its community, for a client-side recount.",
      "Each column is a list of \"keyhex:valuehex\" entries; result is the stored final result"
          + " (hex), once closed. Costs one work unit per entry; at most "
          + DvsStateScan.MAX_RAW_ENTRIES + " entries per column, never a cut list.",
      List.of(DvsSchemas.issueId()), new RpcResult("entries", schema()),
      List.of(RpcFailure.notFound("no issue has that id"),
          RpcFailure.limit("a column holds more than " + DvsStateScan.MAX_RAW_ENTRIES
              + " entries")));

  DvsRawIssueDataMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    DvsStore dvs = new DvsStore(ledger.headState());
    Issue issue = DvsQueries.issue(dvs, args.uint(0, "issue id"));
    byte[] community = new Encoder(8).u64(issue.communityId()).toByteArray();
    byte[] issueKey = new Encoder(8).u64(issue.id()).toByteArray();
    ObjectNode n = RpcJson.object().put("issue", issue.id())
        .put("height", ledger.headHeight());
    for (Column c : BY_COMMUNITY) entries(n, budget, c, community);
    for (Column c : BY_ISSUE) entries(n, budget, c, issueKey);
    dvs.result(issue.id()).ifPresent(r -> n.put("result", Hex.encode(r)));
    return n;
  }

  private void entries(ObjectNode n, WorkBudget budget, Column column, byte[] prefix) {
    ArrayNode out = n.putArray(column.name());
    for (var e : DvsStateScan.scan(ledger, column, prefix, budget)) {
      out.add(Hex.encode(e.getKey()) + ":" + Hex.encode(e.getValue()));
    }
  }

  private static JsonNode schema() {
    JsonSchemas.ObjectSchema s = object().field("issue", uint()).field("height", uint());
    JsonNode entry = string().put("pattern", "^[0-9a-f]*:[0-9a-f]*$");
    for (Column c : BY_COMMUNITY) s.field(c.name(), array(entry));
    for (Column c : BY_ISSUE) s.field(c.name(), array(entry));
    return s.optional("result", hex()).build();
  }
}
