package com.example.partoo.service;

import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * For tests that start the service on a random port against a fake Partoo on loopback over HTTPS, as Partoo is
 * reached (started before the context, which is pointed at it and trusts the CA the fake generated at start through
 * one of Spring Boot's SSL bundles), and count the requests its client sends ({@link SentRequests}, which subclasses
 * import).
 */
abstract class AgainstTheFakePartoo {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  @LocalServerPort
  int port;

  @Autowired
  SentRequests sent;

  @DynamicPropertySource
  static void pointAtTheFake(DynamicPropertyRegistry registry) {
    registry.add("partoo.base-url", PARTOO::baseUrl);
    registry.add("partoo.app-url", PARTOO::appBaseUrl);
    registry.add("partoo.api-key", PARTOO::apiKey);
    // The fake's CA exists once it started: a PEM bundle takes the certificate's text as well as a file's location.
    registry.add("spring.ssl.bundle.pem.partoo-ca.truststore.certificate", () -> PARTOO.fake().certificatePem());
    registry.add("partoo.ssl.bundle", () -> "partoo-ca");
  }
}
