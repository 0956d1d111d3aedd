package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** What an operator reads when a real application refuses to start on bad partoo.* properties. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class Application {}

  @Test
  void namesEveryRefusedPropertyAndWhereItCameFromNeverTheKey(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(() -> application.run("--partoo.api-key=k3y with-space-91c2", "--partoo.deadline=-1s"));

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("The Partoo client cannot be created from its properties:")
        .contains("- partoo.deadline must be positive, was PT-1S")
        .contains("- partoo.api-key cannot be sent as the x-APIKey header: it contains whitespace")
        .contains("commandLineArgs")
        .doesNotContain("k3y").doesNotContain("91c2");
  }
}
