package com.example.partoo.service;

import com.acme.partoo.mock.FakePartooExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * For tests that start the service on a random port against a fake Partoo on loopback (started before the context,
 * which is pointed at it), and count the requests its client sends ({@link SentRequests}, which subclasses import).
 */
abstract class AgainstTheFakePartoo {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  @LocalServerPort
  int port;

  @Autowired
  SentRequests sent;

  @DynamicPropertySource
  static void pointAtTheFake(DynamicPropertyRegistry registry) {
    registry.add("partoo.base-url", PARTOO::baseUrl);
    registry.add("partoo.app-url", PARTOO::appBaseUrl);
    registry.add("partoo.api-key", PARTOO::apiKey);
  }
}
