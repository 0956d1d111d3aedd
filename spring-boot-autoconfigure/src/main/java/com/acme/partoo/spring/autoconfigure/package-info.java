/**
 * Spring Boot auto-configuration of a {@link com.acme.partoo.tokens.PartooClient}: {@link
 * com.acme.partoo.spring.autoconfigure.PartooProperties} ({@code partoo.*}), {@link
 * com.acme.partoo.spring.autoconfigure.PartooClientBuilderCustomizer} beans, the {@code partoo} health indicator, and
 * the client's meters and spans when the application has a {@code MeterRegistry} or an {@code OpenTelemetry}; and, in
 * a Spring MVC application with a {@link com.acme.partoo.spring.autoconfigure.PartooUserResolver}, the login endpoints
 * that mint a token when the user opens Partoo ({@link com.acme.partoo.spring.autoconfigure.PartooLoginProperties}).
 */
@NullMarked
package com.acme.partoo.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
