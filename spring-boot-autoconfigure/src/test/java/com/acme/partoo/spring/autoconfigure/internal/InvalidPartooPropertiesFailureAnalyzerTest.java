package com.acme.partoo.spring.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.acme.partoo.spring.autoconfigure.PartooAutoConfiguration;
import com.acme.partoo.spring.autoconfigure.PartooLoginProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

/** The start-up report of refused properties: each property, where it was set, never its value. */
class InvalidPartooPropertiesFailureAnalyzerTest {

  private static final String KEY = "k3y-with space-7d1e";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class));

  @Test
  void listsEachPropertyAndWhereItWasSetButNoValue() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("partoo.api-key", KEY).withProperty("partoo.read-timeout", "-2s");
    runner.withPropertyValues("partoo.api-key=" + KEY, "partoo.read-timeout=-2s").run(context -> {
      FailureAnalysis analysis = new InvalidPartooPropertiesFailureAnalyzer(environment)
          .analyze(context.getStartupFailure());

      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription())
          .contains("- partoo.read-timeout must be positive, was PT-2S\n      (set in ")
          .contains("- partoo.api-key cannot be sent as the x-APIKey header")
          .doesNotContain("k3y").doesNotContain("7d1e");
      assertThat(analysis.getAction()).contains("partoo.enabled=false");
    });
  }

  @Test
  void aMissingKeyHasNoOrigin() {
    runner.run(context -> {
      FailureAnalysis analysis = new InvalidPartooPropertiesFailureAnalyzer(new MockEnvironment())
          .analyze(context.getStartupFailure());

      assertThat(analysis.getDescription()).contains("- partoo.api-key is required").doesNotContain("set in");
    });
  }

  @Test
  void refusedLoginPropertiesAreReportedAsTheLoginEndpoints() {
    PartooLoginProperties login = new PartooLoginProperties();
    login.setTokenTtl(Duration.ZERO);
    MockEnvironment environment = new MockEnvironment().withProperty("partoo.login.token-ttl", "0s");

    Throwable refused = catchThrowable(() -> LoginSettings.from(login));
    FailureAnalysis analysis = new InvalidPartooPropertiesFailureAnalyzer(environment).analyze(refused);

    assertThat(analysis.getDescription())
        .startsWith("The Partoo login endpoints cannot be served with their properties:\n")
        .contains("- partoo.login.token-ttl must be whole seconds from 1s to 1d (Partoo's maximum), was PT0S\n"
            + "      (set in ");
    assertThat(analysis.getAction()).contains("partoo.login.enabled=false");
  }

  @Test
  void otherFailuresAreLeftToOtherAnalyzers() {
    assertThat(new InvalidPartooPropertiesFailureAnalyzer(null).analyze(new IllegalStateException("other")))
        .isNull();
  }
}
