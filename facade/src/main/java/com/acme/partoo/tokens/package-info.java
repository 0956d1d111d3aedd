/**
 * Partoo connection tokens for services: {@link com.acme.partoo.tokens.PartooClient} is the entry point,
 * {@link com.acme.partoo.tokens.ConnectionTokens} the operations, {@link com.acme.partoo.tokens.PartooException} the
 * root of every failure. Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package com.acme.partoo.tokens;

import org.jspecify.annotations.NullMarked;
