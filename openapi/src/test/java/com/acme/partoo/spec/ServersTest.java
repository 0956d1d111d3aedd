package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Which of a bundle's servers are production and sandbox: by description, whatever their order or case. */
class ServersTest {

  @Test
  void tellsTheEnvironmentsApartByTheirDescriptionsInAnyOrderAndCase() {
    Servers servers = servers("""
        servers:
          - url: https://sandbox.api.partoo.co/v2
            description: SANDBOX server (dev environment for clients & partners)
          - url: https://api.partoo.co/v2
            description: production Server
        """);

    assertThat(servers.production()).hasValue("https://api.partoo.co/v2");
    assertThat(servers.sandbox()).hasValue("https://sandbox.api.partoo.co/v2");
    assertThat(servers.listed()).containsExactly(
        "https://sandbox.api.partoo.co/v2 (SANDBOX server (dev environment for clients & partners))",
        "https://api.partoo.co/v2 (production Server)");
  }

  @Test
  void aSandboxDescribedAsACopyOfProductionIsTheSandbox() {
    Servers servers = servers("""
        servers:
          - url: https://api.sandbox.partoo.co/v2
            description: Sandbox, a copy of production
        """);

    assertThat(servers.sandbox()).hasValue("https://api.sandbox.partoo.co/v2");
    assertThat(servers.production()).isEmpty();
  }

  @Test
  void theFirstServerOfEachEnvironmentCounts() {
    Servers servers = servers("""
        servers:
          - url: https://api.partoo.co/v2
            description: Production
          - url: https://api-eu.partoo.co/v2
            description: Production (EU)
        """);

    assertThat(servers.production()).hasValue("https://api.partoo.co/v2");
  }

  @Test
  void urlTemplatesTakeTheirVariablesDefaultsAndLoseTrailingSlashes() {
    Servers servers = servers("""
        servers:
          - url: https://{host}.partoo.co/{version}/
            description: Production
            variables:
              host: {default: api}
              version: {default: v2, enum: [v2]}
          - url: https://{host}.partoo.co/v2
            description: Sandbox (no default for host)
            variables:
              host: {enum: [sandbox]}
        """);

    assertThat(servers.production()).hasValue("https://api.partoo.co/v2");
    assertThat(servers.sandbox()).isEmpty();
  }

  @Test
  void onlyAbsoluteHttpsUrlsCount() {
    Servers servers = servers("""
        servers:
          - url: /v2
            description: Production (relative)
          - url: http://api.sandbox.partoo.co/v2
            description: Sandbox over plain http
          - url: https://api.partoo.co/v2?env=prod
            description: Production with a query
        """);

    assertThat(servers.production()).isEmpty();
    assertThat(servers.sandbox()).isEmpty();
    assertThat(servers.listed()).hasSize(3);
  }

  @Test
  void aBundleWithoutServersHasNeither() {
    Servers servers = servers("openapi: 3.0.0\n");

    assertThat(servers.production()).isEmpty();
    assertThat(servers.sandbox()).isEmpty();
    assertThat(servers.listed()).isEmpty();
  }

  private static Servers servers(String yaml) {
    try {
      return Servers.of(new Bundle(Bundle.YAML.readTree(yaml)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
