package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
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
   */
  public static ObjectMapper create() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
  }
}
