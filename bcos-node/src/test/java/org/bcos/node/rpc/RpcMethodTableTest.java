package org.bcos.node.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethod;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.junit.jupiter.api.Test;

/** Issue #9: the method table is one map built at start, and refuses what it cannot hold. */
class RpcMethodTableTest {
  private final AtomicInteger calls = new AtomicInteger();

  /** Answers its arguments' count; takes {@code arity} optional parameters. */
  private static final class Counting extends AbstractRpcMethod {
    Counting(String name, int arity) {
      super(new RpcMethodSpec(name, "counts its arguments", "", params(arity),
          new RpcResult("count", JsonSchemas.uint()), List.of()));
    }

    private static List<RpcParam> params(int arity) {
      return java.util.stream.IntStream.range(0, arity)
          .mapToObj(i -> RpcParam.optional("p" + i, JsonSchemas.string(), "parameter " + i))
          .toList();
    }

    @Override
    public JsonNode call(RpcArgs args, WorkBudget budget) {
      return RpcJson.MAPPER.getNodeFactory().numberNode(args.size());
    }
  }

  private RpcMethodTable table(List<RpcMethod> core, List<RpcMethod> modules) {
    return RpcMethodTable.of("1.0", core, modules, calls::incrementAndGet);
  }

  private static RpcArgs args(int count) {
    var a = RpcJson.MAPPER.createArrayNode();
    for (int i = 0; i < count; i++) a.add("x");
    return new RpcArgs(a);
  }

  @Test
  void aNameRegisteredTwiceStopsTheNodeAtStartNamingBothClasses() {
    var e = assertThrows(IllegalStateException.class, () -> table(
        List.of(new Counting("bcos_same", 0)), List.of(new Counting("bcos_same", 1))));
    assertTrue(e.getMessage().contains("'bcos_same'"), e.getMessage());
    assertTrue(e.getMessage().contains(Counting.class.getName()), e.getMessage());
  }

  @Test
  void aModuleMethodCannotTakeAReservedOrWebSocketName() {
    var discover = assertThrows(IllegalStateException.class,
        () -> table(List.of(), List.of(new Counting("rpc.discover", 0))));
    assertTrue(discover.getMessage().contains("discovery"), discover.getMessage());
    var subscribe = assertThrows(IllegalStateException.class,
        () -> table(List.of(), List.of(new Counting("bcos_subscribe", 0))));
    assertTrue(subscribe.getMessage().contains("WebSocket"), subscribe.getMessage());
    assertTrue(subscribe.getMessage().contains(Counting.class.getName()), subscribe.getMessage());
  }

  @Test
  void methodsOfCoreAndModulesAreCalledByName() {
    RpcMethodTable t = table(List.of(new Counting("bcos_a", 2)),
        List.of(new Counting("mod_b", 1)));
    assertEquals(2, t.call("bcos_a", args(2), WorkBudget.unbounded()).asInt());
    assertEquals(1, t.call("mod_b", args(1), WorkBudget.unbounded()).asInt());
    assertEquals(List.of("bcos_a", "mod_b", "rpc.discover"),
        t.specs().stream().map(RpcMethodSpec::name).toList());
  }

  @Test
  void anUnknownNameIsMethodNotFoundAndStillCounted() {
    RpcMethodTable t = table(List.of(new Counting("bcos_a", 0)), List.of());
    var e = assertThrows(RpcException.class,
        () -> t.call("bcos_b", args(0), WorkBudget.unbounded()));
    assertEquals(RpcException.METHOD_NOT_FOUND, e.code());
    assertEquals("no method named 'bcos_b'", e.getMessage());
    assertEquals(1, calls.get(), "every call reaching the table is counted, as before");
  }

  @Test
  void moreArgumentsThanTheSpecListsAreRefusedBeforeTheMethodRuns() {
    RpcMethodTable t = table(List.of(new Counting("bcos_a", 2)), List.of());
    var e = assertThrows(RpcException.class,
        () -> t.call("bcos_a", args(3), WorkBudget.unbounded()));
    assertEquals("INVALID_PARAMS", e.reason());
    assertEquals("at most 2 parameters, got 3", e.getMessage());
  }

  @Test
  void aSpecRefusesARequiredParameterAfterAnOptionalOne() {
    var e = assertThrows(IllegalArgumentException.class, () -> new RpcMethodSpec("bcos_x", "x",
        "", List.of(RpcParam.optional("a", JsonSchemas.bool(), "a"),
            RpcParam.required("b", JsonSchemas.bool(), "b")),
        new RpcResult("r", JsonSchemas.bool()), List.of()));
    assertTrue(e.getMessage().contains("'b' follows an optional one"), e.getMessage());
  }
}
