package org.bcos.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@code https://} requests through the JDK's HTTP client (TLS, connection reuse). Costly to build
 * for a one-shot call, which is why {@code http://} goes through {@link SocketTransport}.
 */
final class JdkHttpTransport implements RpcTransport {
  private final URI uri;
  private final HttpClient http;
  private final Duration connectTimeout;
  private final Duration replyTimeout;
  private final int maxReplyBytes;

  JdkHttpTransport(URI uri, Duration connectTimeout, Duration replyTimeout, int maxReplyBytes) {
    this.uri = uri;
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1).build();
    this.connectTimeout = connectTimeout;
    this.replyTimeout = replyTimeout;
    this.maxReplyBytes = maxReplyBytes;
  }

  @Override
  public Reply post(byte[] body) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(replyTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try {
      HttpResponse<InputStream> response = http.send(request,
          HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        return new Reply(response.statusCode(), HttpReplyReader.readToEnd(in, maxReplyBytes));
      }
    } catch (HttpConnectTimeoutException e) {
      throw RpcTransport.noConnectionWithin(connectTimeout, e);
    } catch (HttpTimeoutException e) {
      throw RpcTransport.noAnswerWithin(replyTimeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
