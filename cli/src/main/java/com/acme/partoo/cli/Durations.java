package com.acme.partoo.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a duration the way people type one: whole seconds ({@code 3600}), ISO-8601 ({@code PT1H}) or {@code 90s},
 * {@code 30m}, {@code 1h}, {@code 1d} (and {@code 500ms}). */
final class Durations implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern SHORTHAND = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }

  /** @throws IllegalArgumentException naming the accepted forms */
  static Duration parse(String value) {
    String text = value.strip();
    if (text.matches("\\d{1,12}")) {
      return Duration.ofSeconds(Long.parseLong(text));
    }
    Matcher shorthand = SHORTHAND.matcher(text.toLowerCase(Locale.ROOT));
    if (shorthand.matches()) {
      long amount = Long.parseLong(shorthand.group(1));
      return switch (shorthand.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        // Reported below with the accepted forms.
      }
    }
    throw new IllegalArgumentException("'" + value + "' is not a duration: use whole seconds (3600), ISO-8601 (PT1H)"
        + " or 90s, 30m, 1h, 1d");
  }
}
