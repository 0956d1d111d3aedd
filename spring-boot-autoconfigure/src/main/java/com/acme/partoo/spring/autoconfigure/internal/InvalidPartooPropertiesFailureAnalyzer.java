package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException.Problem;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * The start-up failure report for refused {@code partoo.*} properties: one line per property, with where it was set
 * (file and line, environment variable...) but never its value, so that an API key cannot end up in a log.
 */
final class InvalidPartooPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPartooPropertiesException> {

  private final @Nullable Environment environment;

  InvalidPartooPropertiesFailureAnalyzer(@Nullable Environment environment) {
    this.environment = environment;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidPartooPropertiesException cause) {
    StringBuilder description = new StringBuilder(cause.subject().headline()).append(":\n");
    for (Problem problem : cause.problems()) {
      description.append("\n    - ").append(problem.reason());
      Origin origin = origin(problem.property());
      if (origin != null) {
        description.append("\n      (set in ").append(origin).append(')');
      }
    }
    return new FailureAnalysis(description.toString(), "Fix these properties, or " + cause.subject().fix() + ".",
        cause);
  }

  private @Nullable Origin origin(String property) {
    if (environment == null || !ConfigurationPropertyName.isValid(property)) {
      return null;
    }
    ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      ConfigurationProperty found = source.getConfigurationProperty(name);
      if (found != null) {
        return found.getOrigin();
      }
    }
    return null;
  }
}
