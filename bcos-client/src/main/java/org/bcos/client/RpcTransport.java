package org.bcos.client;

import java.io.IOException;
import java.time.Duration;

/**
 * One HTTP POST of a JSON-RPC request to the node, the seam between {@link BcosClient} and the
 * HTTP code under it: {@link SocketTransport} for {@code http://} (a plain socket, so a one-shot
 * CLI call does not build the JDK's HTTP client), {@link JdkHttpTransport} for {@code https://}.
 */
interface RpcTransport {
  /**
   * Sends {@code body} and returns the reply's status and body.
   *
   * @throws ReplyInvalidException when what came back is not an HTTP reply we accept (malformed,
   *     larger than the limit)
   * @throws IOException when the node cannot be reached or stops answering; the message says why
   *     in words ({@link BcosClient#cause})
   */
  Reply post(byte[] body) throws IOException;

  /** The failure of a connection not made within {@code timeout}, in words. */
  static IOException noConnectionWithin(Duration timeout, Throwable cause) {
    return new IOException("no connection within " + inWords(timeout), cause);
  }

  /** The failure of a reply not complete within {@code timeout}, in words. */
  static IOException noAnswerWithin(Duration timeout, Throwable cause) {
    return new IOException("no answer within " + inWords(timeout), cause);
  }

  private static String inWords(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** An HTTP reply: status code and the whole body. */
  record Reply(int status, byte[] body) {}

  /** The reply bytes are not an HTTP/1.1 reply this client accepts; the message says how. */
  final class ReplyInvalidException extends IOException {
    ReplyInvalidException(String message) {
      super(message);
    }
  }
}
