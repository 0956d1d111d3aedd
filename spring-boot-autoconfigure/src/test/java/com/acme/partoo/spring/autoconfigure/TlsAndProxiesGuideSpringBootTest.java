package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.tokens.PartooClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Runs the yaml of docs/tls-and-proxies.md, section "Spring Boot", as an application's configuration against the fake
 * Partoo over HTTPS and a real CONNECT proxy: only what is this machine's is replaced (the CA file's location, the
 * proxy's address), each checked to be in the example; the password comes from the environment variable the example
 * names. Every {@code partoo.*} key it shows is a property of the starter.
 */
class TlsAndProxiesGuideSpringBootTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));
  private static final String SECTION = "## Spring Boot";
  private static final String CERTIFICATE = "spring.ssl.bundle.pem.company-ca.truststore.certificate";
  private static final String PASSWORD = "rotated-monthly-41ce";
  private static final String SYSTEM_ENVIRONMENT = "systemEnvironment";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  @AutoClose private final FakeProxy egress = FakeProxy.start();
  @TempDir Path files;

  @Test
  void theGuidesConfigurationReachesPartooThroughTheProxyTrustingTheBundle() throws IOException {
    EnumerablePropertySource<?> shown = guideYaml();
    // Values as written (OriginTrackedValue shows its value).
    assertThat(String.valueOf(shown.getProperty(CERTIFICATE))).isEqualTo("file:/etc/pki/company-ca.pem");
    assertThat(String.valueOf(shown.getProperty("partoo.proxy.host"))).isEqualTo("proxy.corp.example");
    assertThat(String.valueOf(shown.getProperty("partoo.proxy.port"))).isEqualTo("3128");
    Path caFile = Files.writeString(files.resolve("company-ca.pem"), PARTOO.fake().certificatePem());
    Map<String, Object> thisMachine = Map.of(CERTIFICATE, "file:" + caFile, "partoo.proxy.host", "127.0.0.1",
        "partoo.proxy.port", egress.address().getPort(),
        // Not the guide's, which leaves the API to production:
        "partoo.api-key", PARTOO.apiKey(), "partoo.base-url", PARTOO.baseUrl());
    egress.requireCredentials(String.valueOf(shown.getProperty("partoo.proxy.username")), PASSWORD);

    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class, SslAutoConfiguration.class))
        .withInitializer(context -> {
          var sources = context.getEnvironment().getPropertySources();
          sources.addLast(shown);
          sources.addFirst(new MapPropertySource("this machine", thisMachine));
          sources.replace(SYSTEM_ENVIRONMENT, new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT,
              Map.of("PARTOO_PROXY_PASSWORD", PASSWORD)));
        })
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()).token())
              .isNotBlank();
        });

    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    assertThat(egress.tunnels()).isEqualTo(1);
    assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
  }

  @Test
  void everyPartooKeyTheGuideShowsIsAPropertyOfTheStarter() throws IOException {
    List<String> partooKeys = new ArrayList<>();
    for (String key : guideYaml().getPropertyNames()) {
      if (key.startsWith("partoo.")) {
        partooKeys.add(key);
      }
    }

    assertThat(partooKeys).isNotEmpty();
    assertThat(ConfigurationMetadataTest.properties().keySet()).containsAll(partooKeys);
  }

  /** The section's one yaml block, as Spring Boot loads an application.yaml. */
  private static EnumerablePropertySource<?> guideYaml() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/tls-and-proxies.md"));
    int start = guide.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("section %s", SECTION).isNotNegative();
    int end = guide.indexOf("\n## ", start + 1);
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(guide.substring(start, end));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("yaml blocks of section %s", SECTION).hasSize(1);
    List<PropertySource<?>> loaded = new YamlPropertySourceLoader().load("docs/tls-and-proxies.md",
        new ByteArrayResource(blocks.get(0).getBytes(StandardCharsets.UTF_8)));
    assertThat(loaded).hasSize(1);
    return (EnumerablePropertySource<?>) loaded.get(0);
  }
}
