/**
 * Micrometer meters for a Partoo client: {@link com.acme.partoo.micrometer.PartooMetrics#listener} is the entry point.
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package com.acme.partoo.micrometer;

import org.jspecify.annotations.NullMarked;
