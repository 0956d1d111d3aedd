package com.acme.partoo.mock.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Formats instants the way Partoo does: {@code 2019-08-01T19:15:54.256000+02:00} (microseconds, numeric offset). */
final class Timestamps {

  // "xxx" rather than "XXX": Partoo writes +00:00, never Z.
  private static final DateTimeFormatter PARTOO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private final DateTimeFormatter formatter;

  Timestamps(ZoneId zone) {
    this.formatter = PARTOO.withZone(zone);
  }

  String format(Instant instant) {
    return formatter.format(instant);
  }
}
