package com.acme.partoo.benchmarks.peers;

import com.acme.partoo.benchmarks.CannedTokenServer;
import com.acme.partoo.benchmarks.Clients;
import com.acme.partoo.benchmarks.Transport;
import com.acme.partoo.tokens.ConnectionToken;
import java.io.IOException;
import java.net.http.HttpClient;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Spring Framework 7's {@code RestClient} on its defaults: with no Apache, Jetty or Reactor Netty client on the
 * classpath its request factory is {@link JdkClientHttpRequestFactory} over {@code HttpClient.newHttpClient()}, made
 * here by hand only to give it the endpoint's trust and the facade's deadline as its read timeout; the JSON converter
 * is the Jackson 2 one it finds (no Jackson 3 here). The body is written by Jackson as a stream of unknown length
 * (chunked over HTTP/1.1), on a thread of a {@code SimpleAsyncTaskExecutor}, since the JDK client has no executor to
 * lend it.
 */
public final class SpringRestClientPeer implements Peer {

  private final HttpClient http;
  private final RestClient rest;

  /** A client of {@code endpoint}, trusting what it says. */
  public SpringRestClientPeer(Transport.Endpoint endpoint) {
    this.http = JdkHttpClientPeer.jdkHttpClient(endpoint);
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(Clients.DEADLINE);
    this.rest = RestClient.builder()
        .baseUrl(endpoint.baseUrl())
        .requestFactory(requests)
        .defaultHeader("x-APIKey", Clients.API_KEY)
        .build();
  }

  @Override
  public ConnectionToken generate() throws IOException {
    TokenAnswer answer = rest.post()
        .uri(CannedTokenServer.GENERATE_PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .body(new TokenRequest(Clients.USER_ID))
        .retrieve()
        .body(TokenAnswer.class);
    if (answer == null) {
      throw new IOException("no body");
    }
    return answer.toConnectionToken();
  }

  @Override
  public void close() {
    JdkHttpClientPeer.closeQuietly(http);
  }
}
