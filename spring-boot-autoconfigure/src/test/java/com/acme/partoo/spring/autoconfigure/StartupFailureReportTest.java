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

  @Test
  void namesAMissingSslBundleAndABadProxyPortNeverThePassword(CapturedOutput output) {
    SpringApplication application = new SpringApplication(Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(() -> application.run("--partoo.api-key=k3y-4f0a", "--partoo.ssl.bundle=partoo-ca",
        "--partoo.proxy.host=proxy.corp.example", "--partoo.proxy.port=0", "--partoo.proxy.username=partoo-egress",
        "--partoo.proxy.password=pr0xy-pw-8e2d"));

    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("- partoo.ssl.bundle names no SSL bundle of this application: 'partoo-ca'")
        .contains("- partoo.proxy.port must be from 1 to 65535, was 0")
        .contains("(set in \"partoo.proxy.port\" from property source \"commandLineArgs\")")
        .doesNotContain("pr0xy-pw").doesNotContain("k3y-4f0a");
  }
}
