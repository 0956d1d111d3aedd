package com.acme.partoo.spring.autoconfigure;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks {@code partoo.api-key} and {@code partoo.proxy.password} in actuator's {@code configprops} and {@code env}
 * endpoints when the application has actuator. Spring Boot masks every value there by default, but none by its name
 * once an application shows values ({@code management.endpoint.configprops.show-values=always}): these two stay
 * masked then too, under any spelling ({@code PARTOO_PROXY_PASSWORD}, {@code partoo.proxy.password}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class PartooSanitizingAutoConfiguration {

  /** The secrets of {@code partoo.*}, as keys look once lower-cased and stripped of separators. */
  private static final Set<String> SECRETS = Set.of("partooapikey", "partooproxypassword");

  PartooSanitizingAutoConfiguration() {}

  @Bean
  SanitizingFunction partooSecretsSanitizingFunction() {
    return data -> SECRETS.contains(data.getLowerCaseKey().replaceAll("[^a-z0-9]", ""))
        ? data.withSanitizedValue() : data;
  }
}
