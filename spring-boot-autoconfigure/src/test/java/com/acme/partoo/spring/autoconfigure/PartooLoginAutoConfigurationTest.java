package com.acme.partoo.spring.autoconfigure;

import static com.acme.partoo.spring.autoconfigure.LoginContexts.HEADER_RESOLVER;
import static com.acme.partoo.spring.autoconfigure.LoginContexts.USER_HEADER;
import static com.acme.partoo.spring.autoconfigure.LoginContexts.mockMvc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException;
import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException.Problem;
import com.acme.partoo.spring.autoconfigure.internal.LoginRecorder;
import com.acme.partoo.spring.autoconfigure.internal.LoginSettings;
import com.acme.partoo.tokens.PartooClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** When the login endpoints exist, from which properties, and what can replace each piece. */
class PartooLoginAutoConfigurationTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static int loginStatus(AssertableWebApplicationContext context, String path) throws Exception {
    return mockMvc(context).perform(get(path).header(USER_HEADER, PARTOO.userId())).andReturn().getResponse()
        .getStatus();
  }

  @Test
  void withAResolverTheDefaultPathsServeTheLogin() {
    LoginContexts.withResolver(PARTOO).run(context -> {
      assertThat(context).hasNotFailed().hasBean("partooLoginRoutes");
      assertThat(loginStatus(context, "/partoo/login")).isEqualTo(303);
      mockMvc(context).perform(post("/partoo/connection-token").header(USER_HEADER, PARTOO.userId()))
          .andExpect(status().isOk());
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
    });
  }

  @Test
  void noResolverNoEndpoints() {
    LoginContexts.mvc(PARTOO).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PartooClient.class).doesNotHaveBean("partooLoginRoutes")
          .doesNotHaveBean(PartooLoginRateLimiter.class);
      assertThat(loginStatus(context, "/partoo/login")).isEqualTo(404);
    });
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void notInAServletApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class, PartooLoginAutoConfiguration.class))
        .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl())
        .withBean(PartooUserResolver.class, () -> HEADER_RESOLVER)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PartooClient.class)
            .doesNotHaveBean("partooLoginRoutes"));
  }

  @Test
  void offWithPartooLoginEnabledFalse() {
    LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.login.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("partooLoginRoutes");
      assertThat(loginStatus(context, "/partoo/login")).isEqualTo(404);
    });
  }

  @Test
  void noClientNoEndpointsWithPartooEnabledFalse() {
    LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(PartooClient.class).doesNotHaveBean("partooLoginRoutes");
      assertThat(loginStatus(context, "/partoo/login")).isEqualTo(404);
    });
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void pathsTtlAndLimitComeFromTheProperties() {
    LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.login.path=/go/partoo",
        "partoo.login.token-path=/api/partoo-token", "partoo.login.token-ttl=2m", "partoo.login.rate-limit=2")
        .run(context -> {
          assertThat(context.getBean(LoginSettings.class)).isEqualTo(
              new LoginSettings("/go/partoo", "/api/partoo-token", Duration.ofMinutes(2), 2, 20_000, null));
          assertThat(loginStatus(context, "/partoo/login")).isEqualTo(404);
          assertThat(loginStatus(context, "/go/partoo")).isEqualTo(303);
          assertThat(mockMvc(context).perform(post("/api/partoo-token").header(USER_HEADER, PARTOO.userId()))
              .andReturn().getResponse().getStatus()).isEqualTo(200);
          // The third login of the minute, from either endpoint, is over the limit of 2.
          assertThat(loginStatus(context, "/go/partoo")).isEqualTo(429);

          assertThat(PARTOO.journal().requests()).filteredOn(request -> request.endpoint() == Endpoint.GENERATE_TOKEN)
              .hasSize(2).allSatisfy(generate -> assertThat(generate.body()).contains("\"ttl\":120"));
        });
  }

  @Test
  void theDefaultTtlIsAMinute() {
    LoginContexts.withResolver(PARTOO).run(context -> {
      loginStatus(context, "/partoo/login");
      assertThat(PARTOO.journal().last()).hasValueSatisfying(generate -> assertThat(generate.body())
          .contains("\"ttl\":" + PartooLoginProperties.DEFAULT_TOKEN_TTL.toSeconds()));
    });
  }

  @Test
  void badValuesStopTheStartUpNamingEachProperty() {
    LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.login.path=partoo/login",
        "partoo.login.token-path=/partoo/*", "partoo.login.token-ttl=0s", "partoo.login.rate-limit=0",
        "partoo.login.rate-limit-max-users=-1", "partoo.login.failure-url=ftp://example.test/x").run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isInstanceOfSatisfying(
              InvalidPartooPropertiesException.class, e -> {
                assertThat(e.subject()).isEqualTo(InvalidPartooPropertiesException.Subject.LOGIN);
                assertThat(e.problems()).extracting(Problem::property).containsExactly("partoo.login.path",
                    "partoo.login.token-path", "partoo.login.token-ttl", "partoo.login.rate-limit",
                    "partoo.login.rate-limit-max-users", "partoo.login.failure-url");
                assertThat(e.problems()).allSatisfy(problem -> assertThat(problem.reason())
                    .startsWith(problem.property()));
              });
        });
  }

  @Test
  void aTtlOverPartoosMaximumOrInFractionsOfASecondIsRefused() {
    for (String ttl : new String[] {"86401s", "1500ms", "-5s"}) {
      LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.login.token-ttl=" + ttl).run(context ->
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("partoo.login.token-ttl"));
    }
  }

  @Test
  void samePathForBothEndpointsIsRefused() {
    LoginContexts.withResolver(PARTOO).withPropertyValues("partoo.login.token-path=/partoo/login").run(context ->
        assertThat(context.getStartupFailure()).rootCause()
            .hasMessageContaining("partoo.login.token-path must differ from partoo.login.path"));
  }

  @Test
  void worksWithoutSpringSecurityOnTheClasspath() {
    LoginContexts.withResolver(PARTOO).withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(loginStatus(context, "/partoo/login")).isEqualTo(303);
        });
  }

  @Test
  void worksWithoutMicrometerOnTheClasspath() {
    LoginContexts.withResolver(PARTOO).withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(LoginRecorder.class);
          assertThat(loginStatus(context, "/partoo/login")).isEqualTo(303);
        });
  }

  @Test
  void theMeterGoesToTheApplicationsRegistryUnlessPartooMetricsAreOff() {
    LoginContexts.withResolver(PARTOO).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      loginStatus(context, "/partoo/login");
      assertThat(context.getBean(MeterRegistry.class).get("partoo.login.requests")
          .tags("endpoint", "login", "outcome", "redirected").timer().count()).isEqualTo(1);
    });
    LoginContexts.withResolver(PARTOO).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("partoo.metrics.enabled=false").run(context -> {
          loginStatus(context, "/partoo/login");
          assertThat(context.getBean(MeterRegistry.class).find("partoo.login.requests").meters()).isEmpty();
        });
  }

  @Test
  void aRateLimiterOfTheApplicationsOwnIsUsed() {
    AtomicInteger asked = new AtomicInteger();
    LoginContexts.withResolver(PARTOO).withBean(PartooLoginRateLimiter.class, () -> user -> {
      asked.incrementAndGet();
      return Duration.ofSeconds(7);
    }).run(context -> {
      assertThat(context).hasSingleBean(PartooLoginRateLimiter.class);
      assertThat(mockMvc(context).perform(get("/partoo/login").header(USER_HEADER, PARTOO.userId())).andReturn()
          .getResponse().getHeader("Retry-After")).isEqualTo("7");
    });
    assertThat(asked).hasValue(1);
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void routesOfTheApplicationsOwnReplaceTheEndpointsByName() {
    RouterFunction<ServerResponse> own = RouterFunctions.route()
        .GET("/partoo/login", request -> ServerResponse.status(418).build()).build();
    LoginContexts.withResolver(PARTOO).withBean("partooLoginRoutes", RouterFunction.class, () -> own)
        .run(context -> assertThat(loginStatus(context, "/partoo/login")).isEqualTo(418));
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void aResolverAnsweringBlankIsNobodySignedIn() {
    LoginContexts.mvc(PARTOO).withBean(PartooUserResolver.class, () -> request -> Optional.of(" ")).run(context ->
        assertThat(loginStatus(context, "/partoo/login")).isEqualTo(401));
    assertThat(PARTOO.journal().total()).isZero();
  }
}
