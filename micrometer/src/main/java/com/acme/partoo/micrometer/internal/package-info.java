/** Implementation details of partoo-micrometer. Not an API: anything here may change in any release. */
@NullMarked
package com.acme.partoo.micrometer.internal;

import org.jspecify.annotations.NullMarked;
