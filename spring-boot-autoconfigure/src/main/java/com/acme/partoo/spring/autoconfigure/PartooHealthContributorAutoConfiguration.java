package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.tokens.PartooClient;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.CompositeHealthContributorConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * The {@code partoo} health contributor when actuator's health support is present: a {@link PartooHealthIndicator}
 * for the {@link PartooClient} bean (one per bean, named after it, when there are several). Off with
 * {@code management.health.partoo.enabled=false}.
 */
@AutoConfiguration(after = PartooAutoConfiguration.class)
@ConditionalOnClass({PartooClient.class, HealthContributor.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(PartooClient.class)
@ConditionalOnEnabledHealthIndicator("partoo")
public final class PartooHealthContributorAutoConfiguration
    extends CompositeHealthContributorConfiguration<PartooHealthIndicator, PartooClient> {

  PartooHealthContributorAutoConfiguration() {
    super(PartooHealthIndicator::new);
  }

  @Bean
  @ConditionalOnMissingBean(name = {"partooHealthIndicator", "partooHealthContributor"})
  HealthContributor partooHealthContributor(ConfigurableListableBeanFactory beanFactory) {
    return createContributor(beanFactory, PartooClient.class);
  }
}
