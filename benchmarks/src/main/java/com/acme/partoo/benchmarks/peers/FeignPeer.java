package com.acme.partoo.benchmarks.peers;

import com.acme.partoo.benchmarks.CannedTokenServer;
import com.acme.partoo.benchmarks.Clients;
import com.acme.partoo.benchmarks.Transport;
import com.acme.partoo.tokens.ConnectionToken;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import feign.Client;
import feign.Feign;
import feign.Headers;
import feign.RequestLine;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.util.List;

/**
 * OpenFeign with its Jackson codec, on its defaults: {@code Client.Default} (one {@code HttpURLConnection} per call,
 * the JDK's keep-alive cache of 5 idle connections per host, HTTP/1.1 only: no ALPN), {@code Request.Options}'s 10 s
 * connect and 60 s read timeouts (a socket's, not a deadline: Feign has none), {@code Retryer.Default} (up to 5
 * attempts on I/O errors). The JDK's time module is the one thing added to its mapper, for the expiration date.
 */
public final class FeignPeer implements Peer {

  /** Partoo's operation, as a team declares it for Feign. */
  interface TokenApi {
    @RequestLine("POST " + CannedTokenServer.GENERATE_PATH)
    @Headers("Content-Type: application/json")
    TokenAnswer generate(TokenRequest request);
  }

  private final TokenApi api;

  /** A client of {@code endpoint}, trusting what it says. */
  public FeignPeer(Transport.Endpoint endpoint) {
    // The default client, given the endpoint's socket factory over TLS (null: HttpsURLConnection's default).
    Client client = new Client.Default(endpoint.trust() == null ? null : endpoint.trust().sslSocketFactory(), null);
    this.api = Feign.builder()
        .client(client)
        .encoder(new JacksonEncoder(List.of(new JavaTimeModule())))
        .decoder(new JacksonDecoder(List.of(new JavaTimeModule())))
        .requestInterceptor(template -> template.header("x-APIKey", Clients.API_KEY))
        .target(TokenApi.class, endpoint.baseUrl());
  }

  @Override
  public ConnectionToken generate() {
    return api.generate(new TokenRequest(Clients.USER_ID)).toConnectionToken();
  }

  @Override
  public void close() {
    // Feign holds nothing to release: HttpURLConnection's keep-alive cache is the JVM's.
  }
}
