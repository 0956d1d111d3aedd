package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.spring.autoconfigure.internal.BucketRateLimiter;
import com.acme.partoo.spring.autoconfigure.internal.LoginHandler;
import com.acme.partoo.spring.autoconfigure.internal.LoginRecorder;
import com.acme.partoo.spring.autoconfigure.internal.LoginSettings;
import com.acme.partoo.spring.autoconfigure.internal.MicrometerLoginRecorder;
import com.acme.partoo.tokens.PartooClient;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Partoo's login on demand, in a Spring MVC application that defines a {@link PartooUserResolver} and has a
 * {@link PartooClient}: {@code GET partoo.login.path} (303 to Partoo's login URL) and
 * {@code POST partoo.login.token-path} (JSON for Partoo's JS SDK), with a per-user {@link PartooLoginRateLimiter} and the {@code partoo.login.requests}
 * meter when there is a {@code MeterRegistry}. Adds and changes no security configuration: the application's own
 * (authentication, CSRF on the POST) applies. Off with {@code partoo.login.enabled=false}. See
 * {@link PartooLoginProperties}.
 */
@AutoConfiguration(after = PartooAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({PartooClient.class, RouterFunction.class, Bucket.class, Caffeine.class})
@ConditionalOnBooleanProperty(name = "partoo.login.enabled", matchIfMissing = true)
@ConditionalOnBean({PartooUserResolver.class, PartooClient.class})
@EnableConfigurationProperties(PartooLoginProperties.class)
public final class PartooLoginAutoConfiguration {

  PartooLoginAutoConfiguration() {}

  /** The checked properties; a bad value stops the start-up here, naming its property. */
  @Bean
  LoginSettings partooLoginSettings(PartooLoginProperties properties) {
    return LoginSettings.from(properties);
  }

  /** A token bucket per user in a bounded cache; replace it with a shared one for a fleet (docs/spring-boot.md). */
  @Bean
  @ConditionalOnMissingBean
  PartooLoginRateLimiter partooLoginRateLimiter(LoginSettings settings) {
    return new BucketRateLimiter(settings.rateLimit(), settings.rateLimitMaxUsers());
  }

  /** The two endpoints; replace them by this bean name. */
  @Bean
  @ConditionalOnMissingBean(name = "partooLoginRoutes")
  RouterFunction<ServerResponse> partooLoginRoutes(PartooClient partoo, PartooUserResolver users,
      PartooLoginRateLimiter limiter, ObjectProvider<LoginRecorder> recorder, LoginSettings settings) {
    LoginHandler handler = new LoginHandler(partoo, users, limiter, recorder.getIfAvailable(() -> LoginRecorder.NONE),
        settings);
    return RouterFunctions.route()
        .GET(settings.path(), handler::login)
        .POST(settings.tokenPath(), handler::token)
        .build();
  }

  /** {@code partoo.login.requests}, when Micrometer is on the classpath and the application has one registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  @ConditionalOnBooleanProperty(name = "partoo.metrics.enabled", matchIfMissing = true)
  static class Metrics {

    /** Looked up when the endpoints are made, so whatever the order of the auto-configurations. */
    @Bean
    @ConditionalOnMissingBean
    LoginRecorder partooLoginRecorder(ObjectProvider<MeterRegistry> registry) {
      MeterRegistry meters = registry.getIfUnique();
      return meters == null ? LoginRecorder.NONE : new MicrometerLoginRecorder(meters);
    }
  }
}
