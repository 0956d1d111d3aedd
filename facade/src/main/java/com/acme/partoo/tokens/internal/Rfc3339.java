package com.acme.partoo.tokens.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date-time in any form RFC 3339 (section 5.6) allows, as Partoo's bundles show them:
 * {@code 2019-08-01T19:15:54.256000+02:00} and {@code 2019-08-01 23:15:54.256000+02:00}. Date and time are separated by
 * {@code T}, {@code t} or a space; the offset is {@code Z}, {@code z} or {@code ±hh:mm}; the seconds have any number of
 * fraction digits, or none. java.time's ISO parsers refuse the space. Thread-safe.
 */
final class Rfc3339 {

  private static final Pattern DATE_TIME = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?(?:[Zz]|([+-])(\\d{2}):(\\d{2}))");
  private static final int NANO_DIGITS = 9;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private Rfc3339() {}

  /**
   * The date-time {@code text} denotes, with its offset. Fraction digits beyond nanoseconds are dropped; a leap second
   * ({@code :60}) is read as the last second of its minute, java.time having no leap seconds; an offset java.time
   * cannot hold (beyond ±18:00, which RFC 3339 allows up to ±23:59) is converted to UTC, keeping the instant.
   *
   * @throws DateTimeParseException if {@code text} is not an RFC 3339 date-time, or names a date or time that does not
   *     exist (February 30, 25 o'clock)
   */
  static OffsetDateTime parse(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      throw new DateTimeParseException("not an RFC 3339 date-time", text, 0);
    }
    try {
      int second = number(m, 6);
      LocalDateTime local = LocalDateTime.of(
          LocalDate.of(number(m, 1), number(m, 2), number(m, 3)),
          LocalTime.of(number(m, 4), number(m, 5), second == 60 ? 59 : second, nanos(m.group(7))));
      if (m.group(8) == null || (number(m, 9) == 0 && number(m, 10) == 0)) {
        return local.atOffset(ZoneOffset.UTC);
      }
      if (number(m, 9) > 23 || number(m, 10) > 59) {
        throw new DateTimeParseException("offset out of range", text, m.start(8));
      }
      int offset = (m.group(8).equals("-") ? -1 : 1) * (number(m, 9) * 3600 + number(m, 10) * 60);
      if (Math.abs(offset) <= MAX_OFFSET_SECONDS) {
        return local.atOffset(ZoneOffset.ofTotalSeconds(offset));
      }
      return local.minusSeconds(offset).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw e;
    } catch (DateTimeException e) {
      throw new DateTimeParseException("not a date-time that exists: " + e.getMessage(), text, 0, e);
    }
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  private static int nanos(String fraction) {
    if (fraction == null) {
      return 0;
    }
    String digits = fraction.length() > NANO_DIGITS
        ? fraction.substring(0, NANO_DIGITS)
        : fraction + "0".repeat(NANO_DIGITS - fraction.length());
    return Integer.parseInt(digits);
  }
}
