package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration used on the wire. Public only so the benchmarks' baselines parse with exactly the
 * facade's settings; like everything in {@code internal}, not an API.
 */
public final class PartooJson {

  private PartooJson() {}

  /**
   * A mapper that tolerates fields Partoo adds later, never sends {@code null}s (so an absent TTL is left out rather
   * than sent as null), and reads Partoo's {@code 2019-08-01T19:15:54.256000+02:00} timestamps keeping their offset.
   *
   * <p>Its buffers come from a pool shared by the threads that parse, not from a thread-local one (Jackson's default):
   * a virtual thread per page view would otherwise allocate a fresh set, about 25 kB, for each call, and keep it
   * while it waits.
   */
  public static ObjectMapper create() {
    JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
  }
}
