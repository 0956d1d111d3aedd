/**
 * Not an API: how the {@code partoo.*} properties become a client, and how a refused configuration is reported. May
 * change in any release.
 */
@NullMarked
package com.acme.partoo.spring.autoconfigure.internal;

import org.jspecify.annotations.NullMarked;
