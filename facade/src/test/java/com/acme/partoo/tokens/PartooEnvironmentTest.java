package com.acme.partoo.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Where the environments' URLs come from: the API's from the servers of the bundle the build used (checked against
 * that bundle in {@link SpecAgreementTest}), the login URLs from here.
 */
class PartooEnvironmentTest {

  @Test
  void anEnvironmentTheBundleDoesNotListIsRefusedSayingWhatToGiveInstead() {
    Properties servers = new Properties();
    servers.setProperty("production", "https://api.partoo.co/v2");

    assertThat(PartooEnvironment.apiBaseUrl(servers, PartooEnvironment.PRODUCTION))
        .isEqualTo(URI.create("https://api.partoo.co/v2"));
    assertThatIllegalStateException()
        .isThrownBy(() -> PartooEnvironment.apiBaseUrl(servers, PartooEnvironment.SANDBOX))
        .withMessage("the Partoo bundle this library was built from lists no sandbox server: give the sandbox API's"
            + " base URL instead of the environment");
  }

  @Test
  void loginUrlsAreSetHereForTheBundleDoesNotCarryThem() {
    assertThat(PartooEnvironment.PRODUCTION.appBaseUrl()).isEqualTo(URI.create("https://app.partoo.co/app"));
    assertThat(PartooEnvironment.SANDBOX.appBaseUrl()).isEqualTo(URI.create("https://app.sandbox.partoo.co/app"));
  }
}
