/**
 * Implementation details of the facade: retry, TTL rules, error parsing, redaction and the Retrofit wiring. Not an API:
 * anything here may change in any release.
 */
@NullMarked
package com.acme.partoo.tokens.internal;

import org.jspecify.annotations.NullMarked;
