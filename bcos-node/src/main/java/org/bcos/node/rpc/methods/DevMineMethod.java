package org.bcos.node.rpc.methods;

import static org.bcos.ledger.spi.rpc.JsonSchemas.object;
import static org.bcos.ledger.spi.rpc.JsonSchemas.uint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bcos.ledger.spi.rpc.AbstractRpcMethod;
import org.bcos.ledger.spi.rpc.JsonSchemas;
import org.bcos.ledger.spi.rpc.RpcArgs;
import org.bcos.ledger.spi.rpc.RpcException;
import org.bcos.ledger.spi.rpc.RpcFailure;
import org.bcos.ledger.spi.rpc.RpcJson;
import org.bcos.ledger.spi.rpc.RpcMethodSpec;
import org.bcos.ledger.spi.rpc.RpcParam;
import org.bcos.ledger.spi.rpc.RpcResult;
import org.bcos.ledger.spi.rpc.WorkBudget;
import org.bcos.node.ConsensusService;

/**
 * {@code dev_mine [n?]}: on a development chain, makes {@code n} blocks now (anvil's
 * {@code anvil_mine}, bitcoind's {@code generate}), each holding what the mempool has, and answers
 * once the last is committed. Every other node refuses it ({@code DEV_ONLY}), so it can never move
 * a real chain. Blocks are made one after another for at most {@link #MAX_RUN_MILLIS}, so a call
 * always answers within the request deadline, however slow the disk: the caller asks again for
 * the rest.
 */
final class DevMineMethod extends AbstractRpcMethod {
  /** Most blocks one call may ask for. */
  static final int MAX_BLOCKS = 1_000;
  /**
   * How long one call goes on making blocks before it answers with those made so far: well within
   * the default 5 s request deadline. A block takes 20-50 ms on the project's 2-core machine (its
   * fsyncs included), so a call makes about 40-100.
   */
  static final long MAX_RUN_MILLIS = 2_000;
  /** The error of a node that is not a development chain. */
  static final int DEV_ONLY = -32045;
  /** How often the wait for a block looks at the request's deadline and client. */
  private static final long POLL_MILLIS = 20;

  static final RpcMethodSpec SPEC = new RpcMethodSpec("dev_mine",
      "Development chain only: make up to n blocks now (default 1); returns how many and the head.",
      "Each block holds what the mempool offers, as a timed block would; the block interval "
          + "pacing resumes after the last. n is at most " + MAX_BLOCKS + ". A call answers after "
          + MAX_RUN_MILLIS + " ms of work with the blocks made so far (blocks < n): call again "
          + "for the rest. A client that disconnects stops it between blocks (the blocks made "
          + "stay). Costs one work unit per block.",
      List.of(RpcParam.optional("n", JsonSchemas.uintParam(),
          "how many blocks, 1.." + MAX_BLOCKS + " (default 1)")),
      new RpcResult("mined", object().field("blocks", uint()).field("firstHeight", uint())
          .field("height", uint()).build()),
      List.of(new RpcFailure(DEV_ONLY, "DEV_ONLY",
              "the node is not a development chain (bcos node --dev)"),
          RpcFailure.limit("n is above " + MAX_BLOCKS)));

  private volatile ConsensusService consensus;

  DevMineMethod() {
    super(SPEC);
  }

  /** Makes this node's consensus mine on request: only for a development chain. */
  void attach(ConsensusService devChainConsensus) {
    this.consensus = devChainConsensus;
  }

  @Override
  public JsonNode call(RpcArgs args, WorkBudget budget) {
    ConsensusService miner = consensus;
    if (miner == null) {
      throw new RpcException(DEV_ONLY, "DEV_ONLY", "dev_mine works only on a development chain "
          + "(bcos node --dev); this node refuses it");
    }
    long n = args.has(0) ? args.uint(0, "n") : 1;
    if (n < 1) throw RpcException.invalidParams("n must be at least 1");
    if (n > MAX_BLOCKS) {
      throw RpcException.limit("n is " + n + "; at most " + MAX_BLOCKS + " blocks per call");
    }
    long first = 0;
    long last = 0;
    long made = 0;
    long until = System.nanoTime() + MAX_RUN_MILLIS * 1_000_000L;
    while (made < n && (made == 0 || System.nanoTime() - until < 0)) {
      budget.charge(1);
      last = await(miner.startNextHeightNow(), budget);
      if (made++ == 0) first = last;
    }
    return RpcJson.object().put("blocks", made).put("firstHeight", first).put("height", last);
  }

  /** The committed height, waiting in short slices so the deadline and the client still count. */
  private static long await(CompletableFuture<Long> committed, WorkBudget budget) {
    while (true) {
      try {
        return committed.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        budget.charge(0);
      } catch (ExecutionException e) {
        throw new RpcException(RpcException.INTERNAL_ERROR, "INTERNAL_ERROR",
            "consensus did not make the block: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RpcException(RpcException.INTERNAL_ERROR, "INTERNAL_ERROR", "interrupted");
      }
    }
  }
}
