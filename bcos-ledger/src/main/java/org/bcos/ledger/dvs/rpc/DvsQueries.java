package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bcos.ledger.dvs.DvsStore;
import org.bcos.ledger.dvs.api.Issue;
import org.bcos.ledger.dvs.api.IssueTally;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.RpcException;

/** Reads several DVS methods share; each refuses a missing thing by name. */
final class DvsQueries {
  private DvsQueries() {}

  static Issue issue(DvsStore dvs, long id) {
    return dvs.issue(id).orElseThrow(() -> RpcException.notFound("no issue " + id));
  }

  static org.bcos.ledger.dvs.api.Community community(QueryContext ledger, long id) {
    return new DvsStore(ledger.headState()).community(id)
        .orElseThrow(() -> RpcException.notFound("no community " + id));
  }

  /** The final result stored on chain when the issue closed. */
  static ObjectNode finalResult(QueryContext ledger, long issueId) {
    return DvsJson.tally(storedResult(new DvsStore(ledger.headState()), issueId));
  }

  static IssueTally storedResult(DvsStore dvs, long issueId) {
    return IssueTally.decode(dvs.result(issueId).orElseThrow(
        () -> RpcException.notFound("issue " + issueId + " has no final result yet")));
  }
}
