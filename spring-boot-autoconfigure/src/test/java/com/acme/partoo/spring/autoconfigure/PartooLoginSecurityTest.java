package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Beside Spring Security: the application's filter chain decides who reaches the endpoints, its CSRF protection covers
 * the token endpoint, and the starter adds or changes no chain.
 */
class PartooLoginSecurityTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  /** The signed-in user's name is a key into the application's own directory of Partoo ids. */
  private static final Map<String, String> PARTOO_IDS = Map.of("alice", "fake-business-manager");

  private final WebApplicationContextRunner runner = LoginContexts.mvc(PARTOO)
      .withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
          ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
      .withBean(PartooUserResolver.class, () -> request -> Optional.ofNullable(request.getUserPrincipal())
          .map(principal -> PARTOO_IDS.get(principal.getName())));

  private static MockMvc mockMvc(WebApplicationContext context) {
    return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
  }

  @Test
  void theTokenEndpointIsBehindTheApplicationsCsrfProtection() {
    runner.run(context -> {
      int withoutCsrf = mockMvc(context).perform(post("/partoo/connection-token").with(user("alice"))).andReturn()
          .getResponse().getStatus();
      assertThat(withoutCsrf).isEqualTo(403);
      assertThat(PARTOO.journal().total()).isZero();

      int withCsrf = mockMvc(context).perform(post("/partoo/connection-token").with(user("alice")).with(csrf()))
          .andReturn().getResponse().getStatus();
      assertThat(withCsrf).isEqualTo(200);
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    });
  }

  @Test
  void theSignedInUserIsResolvedFromTheAuthentication() {
    runner.run(context -> {
      int status = mockMvc(context).perform(get("/partoo/login").with(user("alice"))).andReturn().getResponse()
          .getStatus();
      assertThat(status).isEqualTo(303);
      assertThat(PARTOO.journal().last()).hasValueSatisfying(generate -> assertThat(generate.body())
          .contains("\"user_id\":\"fake-business-manager\""));
    });
  }

  @Test
  void aSignedInUserWithoutAPartooIdGets401AndNothingIsSent() {
    runner.run(context -> {
      assertThat(mockMvc(context).perform(get("/partoo/login").with(user("mallory"))).andReturn().getResponse()
          .getStatus()).isEqualTo(401);
      assertThat(PARTOO.journal().total()).isZero();
    });
  }

  @Test
  void anonymousRequestsNeverReachTheEndpoints() {
    runner.run(context -> {
      int status = mockMvc(context).perform(get("/partoo/login")).andReturn().getResponse().getStatus();
      // Boot's default chain: sign in first (401 for a request that is not a browser's, 302 to /login for one).
      assertThat(status).isIn(401, 302);
      assertThat(PARTOO.journal().total()).isZero();
    });
  }

  @Test
  void addsNoFilterChainBesideBootsDefault() {
    runner.run(context -> assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(1)
        .containsKey("defaultSecurityFilterChain"));
  }

  @Test
  void theApplicationsOwnChainIsTheOnlyOneAndIsLeftAsItIs() {
    runner.withUserConfiguration(OwnChain.class).run(context -> {
      assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("ownChain");
      // The chain permits the link to everyone: the endpoint itself then finds nobody signed in.
      assertThat(mockMvc(context).perform(get("/partoo/login")).andReturn().getResponse().getStatus()).isEqualTo(401);
      assertThat(PARTOO.journal().total()).isZero();
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnChain {

    @Bean
    SecurityFilterChain ownChain(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
          .httpBasic(Customizer.withDefaults()).build();
    }
  }
}
