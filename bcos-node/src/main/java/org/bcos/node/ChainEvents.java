package org.bcos.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bcos.ledger.block.Block;

/** Fan-out of committed blocks to subscribers (WebSocket, metrics). Listeners must not block. */
public final class ChainEvents {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger("bcos.events");
  private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();

  public Runnable onBlock(Consumer<Block> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  void publish(Block block) {
    for (Consumer<Block> l : listeners) {
      try {
        l.accept(block);
      } catch (RuntimeException e) {
        LOG.warn("listener failed: " + e);
      }
    }
  }
}
