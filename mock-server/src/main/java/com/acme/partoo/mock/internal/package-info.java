/**
 * How the fake Partoo works: routing, the token store, request validation, faults and the journal. Not an API:
 * anything here may change without notice.
 */
package com.acme.partoo.mock.internal;
