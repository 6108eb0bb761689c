package org.bcos.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.bcos.ledger.block.Block;

/** Fan-out of committed blocks to subscribers (WebSocket, metrics). Listeners must not block. */
public final class ChainEvents {
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
        Log.warn("events", "listener failed: " + e);
      }
    }
  }
}
