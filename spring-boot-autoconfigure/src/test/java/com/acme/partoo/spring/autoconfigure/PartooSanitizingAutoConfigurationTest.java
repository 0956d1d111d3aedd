package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Actuator's {@code configprops} and {@code env} endpoints with their values shown, as an application may configure
 * them: the API key and the proxy password stay masked, under any spelling; the proxy's user and address do not.
 */
class PartooSanitizingAutoConfigurationTest {

  private static final String KEY = "api-key-0d9c2b7e41";
  private static final String PASSWORD = "proxy-pw-77a1f3";
  private static final String ENV_PASSWORD = "env-proxy-pw-19bd4c";
  private static final String SYSTEM_ENVIRONMENT = "systemEnvironment";

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class, EndpointAutoConfiguration.class,
          ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
      .withPropertyValues("management.endpoints.web.exposure.include=configprops,env",
          "management.endpoint.configprops.show-values=always",
          "management.endpoint.env.show-values=always", "partoo.api-key=" + KEY,
          "partoo.proxy.host=proxy.corp.example", "partoo.proxy.port=3128", "partoo.proxy.username=partoo-egress",
          "partoo.proxy.password=" + PASSWORD)
      // The same password as an environment variable, the way the docs advise giving it.
      .withInitializer(context -> context.getEnvironment().getPropertySources().replace(SYSTEM_ENVIRONMENT,
          new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, Map.of("PARTOO_PROXY_PASSWORD", ENV_PASSWORD))));

  @Test
  void withValuesShownSpringBootAloneWouldShowTheSecrets() {
    runner.run(context -> {
      assertThat(configprops(context)).contains(PASSWORD).contains(KEY);
      assertThat(env(context)).contains(ENV_PASSWORD);
    });
  }

  @Test
  void theSecretsStayMaskedWhereValuesAreShown() {
    runner.withConfiguration(AutoConfigurations.of(PartooSanitizingAutoConfiguration.class)).run(context -> {
      String configprops = configprops(context);
      assertThat(configprops).doesNotContain(PASSWORD).doesNotContain(KEY).contains("******")
          .contains("partoo-egress").contains("proxy.corp.example");
      assertThat(env(context)).doesNotContain(PASSWORD).doesNotContain(ENV_PASSWORD).doesNotContain(KEY)
          .contains("partoo-egress");
    });
  }

  /** The partoo.* bean's properties and inputs (the values and where they came from) as the endpoint reports them. */
  private static String configprops(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    ConfigurationPropertiesBeanDescriptor partoo = context.getBean(ConfigurationPropertiesReportEndpoint.class)
        .configurationPropertiesWithPrefix("partoo").getContexts().values().stream()
        .flatMap(each -> each.getBeans().values().stream())
        .filter(bean -> bean.getPrefix().equals("partoo")).findFirst().orElseThrow();
    return partoo.getProperties() + " " + partoo.getInputs();
  }

  /** Every value of every property source, as the endpoint reports them. */
  private static String env(AssertableApplicationContext context) {
    return context.getBean(EnvironmentEndpoint.class).environment(null).getPropertySources().stream()
        .flatMap(source -> source.getProperties().entrySet().stream())
        .map(entry -> entry.getKey() + "=" + entry.getValue().getValue())
        .collect(Collectors.joining("\n"));
  }
}
