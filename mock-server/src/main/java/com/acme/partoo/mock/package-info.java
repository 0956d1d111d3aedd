/**
 * An embeddable fake Partoo with real connection-token semantics: {@link com.acme.partoo.mock.FakePartoo} (the
 * server and its builder), the users and roles it knows, {@link com.acme.partoo.mock.Faults} to make it misbehave,
 * {@link com.acme.partoo.mock.Journal} to see what it was sent, and a JUnit 5 extension. Everything under
 * {@code internal} may change without notice.
 */
package com.acme.partoo.mock;
