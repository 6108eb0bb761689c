package org.bcos.node;

import java.util.concurrent.ThreadFactory;

/** Threads of the node's own services: named (for thread dumps and logs) and daemon. */
final class DaemonThreads {
  private DaemonThreads() {}

  static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
