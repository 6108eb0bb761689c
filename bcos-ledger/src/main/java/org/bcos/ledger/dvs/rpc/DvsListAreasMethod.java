package org.bcos.ledger.dvs.rpc;

import static org.bcos.ledger.spi.rpc.JsonSchemas.array;
import static org.bcos.ledger.spi.rpc.JsonSchemas.hex;
import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.string;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.bcos.ledger.dvs.DvsSchema;
import org.bcos.ledger.dvs.api.DvsMessages;
import org.bcos.ledger.spi.QueryContext;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcPaging;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.types.codec.Decoder;

/** {@code dvs_listAreas [community, limit?, cursor?]}: a community's areas in id order, paged. */
final class DvsListAreasMethod extends DvsQueryMethod {
  static final RpcMethodSpec SPEC = new RpcMethodSpec("dvs_listAreas",
      "The areas (topics, branches) of a DVS community in id order, with parent and name, paged."
          + " Area 0 is the community itself.",
      "Costs one work unit per area listed.",
      List.of(RpcParam.required("community", JsonSchemas.uintParam(), "the community id"),
          RpcPaging.limitParam(), RpcPaging.cursorParam()),
      new RpcResult("areas", object().field("areas", array(object().field("id", uint())
          .field("parent", uint()).field("name", string()).build()))
          .optional("nextCursor", hex()).build()),
      List.of(RpcFailure.notFound("no community has that id")));

  DvsListAreasMethod(QueryContext ledger) {
    super(SPEC, ledger);
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    return DvsPage.ofCommunity(ledger, DvsSchema.AREAS, "areas", (k, v) -> Optional.of(area(k, v)),
        args, budget);
  }

  private static JsonNode area(byte[] key, byte[] value) {
    Decoder k = new Decoder(key);
    k.u64();
    Decoder v = new Decoder(value);
    return RpcJson.object().put("id", k.u32()).put("parent", v.u32())
        .put("name", v.string(DvsMessages.MAX_NAME_BYTES));
  }
}
