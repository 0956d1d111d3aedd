package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.tokens.PartooClient;

/**
 * Changes the auto-configured {@link PartooClient}'s builder after the {@code partoo.*} properties are applied and
 * before it is built: a key supplier from a secret store, a shared {@code OkHttpClient}, a listener. Declare it as a
 * bean; several are applied in their {@code @Order} / {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface PartooClientBuilderCustomizer {

  /** Adjusts {@code builder}, which already holds the properties' settings. */
  void customize(PartooClient.Builder builder);
}
