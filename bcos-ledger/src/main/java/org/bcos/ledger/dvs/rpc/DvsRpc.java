package org.bcos.ledger.dvs.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bcos.ledger.dvs.api.DvsMessage;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.ModuleRpc;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.types.tx.Message;

/** The DVS module's part of the API: the {@code dvs_*} query methods and its messages' JSON. */
public final class DvsRpc implements ModuleRpc {
  @Override
  public List<RpcMethod> methods(QueryContext queries) {
    return List.of(new DvsGetCommunityMethod(queries), new DvsGetMemberMethod(queries),
        new DvsGetIssueMethod(queries), new DvsTallyMethod(queries), new DvsResultMethod(queries),
        new DvsProofMethod(queries), new DvsRawIssueDataMethod(queries),
        new DvsCreatedByMethod(queries), new DvsListCommunitiesMethod(queries),
        new DvsListIssuesMethod(queries), new DvsListMembersMethod(queries),
        new DvsListAreasMethod(queries), new DvsListInitiativesMethod(queries),
        new DvsGetBallotMethod(queries), new DvsListDelegationsMethod(queries),
        new DvsRankingMethod(queries));
  }

  @Override
  public void messageFields(Message message, ObjectNode out) {
    DvsJson.message(out, (DvsMessage) message);
  }
}
