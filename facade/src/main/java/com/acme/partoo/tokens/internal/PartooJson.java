package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The one Jackson configuration used on the wire. Public only so the benchmarks' baselines parse with exactly the
 * facade's settings; like everything in {@code internal}, not an API.
 */
public final class PartooJson {

  private PartooJson() {}

  /**
   * A mapper that tolerates fields Partoo adds later, never sends {@code null}s (so an absent TTL is left out rather
   * than sent as null), and reads Partoo's timestamps in every form RFC 3339 allows ({@link Rfc3339}: both
   * {@code 2019-08-01T19:15:54.256000+02:00} and {@code 2019-08-01 23:15:54.256000+02:00}), keeping their offset.
   *
   * <p>Its buffers come from a pool shared by the threads that parse, not from a thread-local one (Jackson's default):
   * a virtual thread per page view would otherwise allocate a fresh set, about 25 kB, for each call, and keep it
   * while it waits.
   */
  public static ObjectMapper create() {
    JsonFactory factory = JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        // Registered after JavaTimeModule, so it replaces that module's ISO-only reader of OffsetDateTime.
        .addModule(new SimpleModule("partoo-rfc3339").addDeserializer(OffsetDateTime.class, new Rfc3339Reader()))
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .build();
  }

  /** JSON strings through {@link Rfc3339}; blank strings are absent dates (as JavaTimeModule has it), others wrong. */
  private static final class Rfc3339Reader extends StdScalarDeserializer<OffsetDateTime> {
    private static final long serialVersionUID = 1L;

    Rfc3339Reader() {
      super(OffsetDateTime.class);
    }

    @Override
    public @Nullable OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (OffsetDateTime) context.handleUnexpectedToken(OffsetDateTime.class, parser);
      }
      String text = parser.getText().strip();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return Rfc3339.parse(text);
      } catch (DateTimeException e) {
        return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text, "not an RFC 3339 date-time");
      }
    }
  }
}
