package com.example.partoo.service;

import com.acme.partoo.mock.FakePartooExtension;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points the service's client at a fake Partoo, for tests that start the service against one. */
final class TheFakePartoo {

  private TheFakePartoo() {}

  /** Registers {@code partoo}'s API and app URLs and its key as the {@code partoo.*} properties. */
  static void pointAt(FakePartooExtension partoo, DynamicPropertyRegistry registry) {
    registry.add("partoo.base-url", partoo::baseUrl);
    registry.add("partoo.app-url", partoo::appBaseUrl);
    registry.add("partoo.api-key", partoo::apiKey);
  }
}
