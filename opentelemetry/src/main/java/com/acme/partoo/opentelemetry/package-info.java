/**
 * OpenTelemetry tracing and metrics for a Partoo client: {@link com.acme.partoo.opentelemetry.PartooTracing} is the
 * entry point. Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package com.acme.partoo.opentelemetry;

import org.jspecify.annotations.NullMarked;
