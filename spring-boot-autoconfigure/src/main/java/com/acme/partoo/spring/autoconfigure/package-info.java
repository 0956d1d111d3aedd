/**
 * Spring Boot auto-configuration of a {@link com.acme.partoo.tokens.PartooClient}: {@link
 * com.acme.partoo.spring.autoconfigure.PartooProperties} ({@code partoo.*}), {@link
 * com.acme.partoo.spring.autoconfigure.PartooClientBuilderCustomizer} beans, and the {@code partoo} health indicator.
 */
@NullMarked
package com.acme.partoo.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
