package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.spring.autoconfigure.internal.PartooClientFactory;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A {@link PartooClient} bean built from the {@code partoo.*} properties ({@link PartooProperties}), unless the
 * application defines its own; closed with the context. {@link PartooListener} beans are added to it, then
 * {@link PartooClientBuilderCustomizer} beans are applied, both in their order. Off with {@code partoo.enabled=false}.
 * {@code partoo.ssl.bundle} names one of the application's SSL bundles ({@code spring.ssl.bundle.*}).
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnClass(PartooClient.class)
@ConditionalOnBooleanProperty(name = "partoo.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PartooProperties.class)
public final class PartooAutoConfiguration {

  PartooAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  PartooClient partooClient(PartooProperties properties, Environment environment, ObjectProvider<SslBundles> sslBundles,
      ObjectProvider<PartooListener> listeners, ObjectProvider<PartooClientBuilderCustomizer> customizers) {
    return PartooClientFactory.create(properties, environment.getProperty("spring.application.name"),
        sslBundles.getIfAvailable(), listeners.orderedStream().toList(), customizers.orderedStream().toList());
  }
}
