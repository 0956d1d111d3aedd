/** Implementation details of partoo-opentelemetry. Not an API: anything here may change in any release. */
@NullMarked
package com.acme.partoo.opentelemetry.internal;

import org.jspecify.annotations.NullMarked;
