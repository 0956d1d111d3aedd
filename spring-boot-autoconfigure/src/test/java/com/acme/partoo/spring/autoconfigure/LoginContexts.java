package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.mock.FakePartooExtension;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** Spring MVC contexts with the login endpoints, against the fake Partoo, for the login tests. */
final class LoginContexts {

  /** The header the test resolver reads the Partoo user id from ("signed in" without Spring Security). */
  static final String USER_HEADER = "X-Test-Partoo-User";

  /** Reads the Partoo user id from {@link #USER_HEADER}: none, nobody signed in. */
  static final PartooUserResolver HEADER_RESOLVER = request -> Optional.ofNullable(request.getHeader(USER_HEADER));

  private LoginContexts() {}

  /**
   * A Spring MVC context with the client and the login auto-configuration pointed at {@code partoo}, one attempt per
   * call (each fault the fake is given is one failed login), and no resolver yet.
   */
  static WebApplicationContextRunner mvc(FakePartooExtension partoo) {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class, PartooLoginAutoConfiguration.class,
            WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class))
        .withPropertyValues("partoo.api-key=" + partoo.apiKey(), "partoo.base-url=" + partoo.baseUrl(),
            "partoo.app-url=" + partoo.appBaseUrl(), "partoo.retry.max-attempts=1");
  }

  /** {@link #mvc} with {@link #HEADER_RESOLVER}. */
  static WebApplicationContextRunner withResolver(FakePartooExtension partoo) {
    return mvc(partoo).withBean(PartooUserResolver.class, () -> HEADER_RESOLVER);
  }

  /** MockMvc over {@code context}'s own dispatcher set-up. */
  static MockMvc mockMvc(WebApplicationContext context) {
    return MockMvcBuilders.webAppContextSetup(context).build();
  }
}
