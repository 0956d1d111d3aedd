package com.acme.partoo.mock.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection, one at a time: request line, header fields, and a body
 * framed by {@code Content-Length} or {@code Transfer-Encoding: chunked}. Answers {@code Expect: 100-continue} before
 * reading the body. Strict where a lenient reading could mis-frame the next request; limits keep a broken client from
 * holding memory.
 */
final class RequestParser {

  /** Longest request line or header line; a longer one answers 414 or 431. */
  static final int MAX_LINE = 16 * 1024;
  /** The JDK server's default limit on header fields. */
  static final int MAX_HEADERS = 200;
  /** Request bodies are small JSON objects; anything past this answers 413. */
  static final int MAX_BODY = 1024 * 1024;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern VERSION = Pattern.compile("HTTP/(\\d)\\.(\\d)");
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final OutputStream interim;

  /** Reads from {@code in} (buffered by the caller); writes a {@code 100 Continue} to {@code interim} when asked. */
  RequestParser(InputStream in, OutputStream interim) {
    this.in = in;
    this.interim = interim;
  }

  /** A request, whether the connection stays open after its answer, and whether it came as HTTP/1.0. */
  record Parsed(Request request, boolean keepAlive, boolean http10) {}

  /**
   * The next request, or empty if the client closed the connection between requests.
   *
   * @throws MalformedRequest if it is not HTTP/1.x as RFC 9112 frames it
   * @throws IOException if the connection fails or ends inside a request
   */
  Optional<Parsed> next() throws IOException, MalformedRequest {
    String line = readLine(414, true);
    // RFC 9112 §2.2: a server should ignore at least one empty line before the request line.
    for (int skipped = 0; line != null && line.isEmpty() && skipped < 4; skipped++) {
      line = readLine(414, true);
    }
    if (line == null) {
      return Optional.empty();
    }
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !TOKEN.matcher(parts[0]).matches()) {
      throw new MalformedRequest(400, "Malformed request line.");
    }
    Matcher version = VERSION.matcher(parts[2]);
    if (!version.matches()) {
      throw new MalformedRequest(400, "Malformed HTTP version.");
    }
    if (!version.group(1).equals("1")) {
      throw new MalformedRequest(505, "Only HTTP/1.0 and HTTP/1.1 are served.");
    }
    boolean http10 = version.group(2).equals("0");
    URI target = target(parts[1]);
    Map<String, List<String>> headers = headers();
    boolean keepAlive = http10 ? hasToken(headers, "Connection", "keep-alive") : !hasToken(headers, "Connection", "close");
    byte[] body = body(headers, http10);
    Request request = new Request(parts[0], target.getPath(), Optional.ofNullable(target.getRawQuery()).orElse(""),
        Collections.unmodifiableMap(headers), body);
    return Optional.of(new Parsed(request, keepAlive, http10));
  }

  private static URI target(String text) throws MalformedRequest {
    try {
      URI uri = new URI(text);
      if (uri.getPath() == null) {
        throw new MalformedRequest(400, "The request target has no path.");
      }
      return uri;
    } catch (URISyntaxException e) {
      // An unencoded backslash or a malformed %-escape, typically: say so, without quoting the target.
      throw new MalformedRequest(400, "The request target is not a valid URI: encode it.");
    }
  }

  private Map<String, List<String>> headers() throws IOException, MalformedRequest {
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    int count = 0;
    for (String line = readLine(431, false); !line.isEmpty(); line = readLine(431, false)) {
      if (++count > MAX_HEADERS) {
        throw new MalformedRequest(431, "Too many header fields.");
      }
      int colon = line.indexOf(':');
      // A line starting with whitespace is an obsolete folded continuation, refused as RFC 9112 §5.2 allows.
      if (colon < 1 || !TOKEN.matcher(line.substring(0, colon)).matches()) {
        throw new MalformedRequest(400, "Malformed header field.");
      }
      headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>())
          .add(line.substring(colon + 1).strip());
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    return headers;
  }

  private byte[] body(Map<String, List<String>> headers, boolean http10) throws IOException, MalformedRequest {
    List<String> encodings = headers.getOrDefault("Transfer-Encoding", List.of());
    List<String> lengths = headers.getOrDefault("Content-Length", List.of());
    if (!encodings.isEmpty()) {
      // RFC 9112 §6.1: with Content-Length too the framing is ambiguous; another coding we could not undo.
      if (!lengths.isEmpty()) {
        throw new MalformedRequest(400, "Both Transfer-Encoding and Content-Length are set.");
      }
      if (!String.join(",", encodings).strip().equalsIgnoreCase("chunked")) {
        throw new MalformedRequest(501, "Only the chunked transfer coding is supported.");
      }
      continueIfExpected(headers, http10);
      return chunked();
    }
    if (lengths.isEmpty()) {
      return new byte[0];
    }
    long length = contentLength(lengths);
    if (length == 0) {
      return new byte[0];
    }
    continueIfExpected(headers, http10);
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      throw new EOFException("the connection ended inside a request body");
    }
    return body;
  }

  private static long contentLength(List<String> lengths) throws MalformedRequest {
    long length = -1;
    for (String value : String.join(",", lengths).split(",", -1)) {
      String digits = value.strip();
      if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
        throw new MalformedRequest(400, "Malformed Content-Length.");
      }
      long parsed = Long.parseLong(digits);
      if (length >= 0 && parsed != length) {
        throw new MalformedRequest(400, "Conflicting Content-Length values.");
      }
      length = parsed;
    }
    if (length > MAX_BODY) {
      throw new MalformedRequest(413, "The request body is too large for the fake Partoo.");
    }
    return length;
  }

  private byte[] chunked() throws IOException, MalformedRequest {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(400, false);
      int extension = sizeLine.indexOf(';');
      String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
      int size;
      try {
        size = hex.isEmpty() || hex.length() > 7 ? -1 : Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        size = -1;
      }
      if (size < 0) {
        throw new MalformedRequest(400, "Malformed chunk size.");
      }
      if (size == 0) {
        break;
      }
      if (body.size() + size > MAX_BODY) {
        throw new MalformedRequest(413, "The request body is too large for the fake Partoo.");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("the connection ended inside a chunk");
      }
      body.writeBytes(chunk);
      if (!readLine(400, false).isEmpty()) {
        throw new MalformedRequest(400, "Malformed chunk.");
      }
    }
    // Trailer fields, ignored, up to the empty line that ends the message.
    for (int count = 0; !readLine(431, false).isEmpty(); count++) {
      if (count >= MAX_HEADERS) {
        throw new MalformedRequest(431, "Too many trailer fields.");
      }
    }
    return body.toByteArray();
  }

  private void continueIfExpected(Map<String, List<String>> headers, boolean http10) throws IOException {
    if (!http10 && hasToken(headers, "Expect", "100-continue")) {
      interim.write(CONTINUE);
      interim.flush();
    }
  }

  private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
    return headers.getOrDefault(name, List.of()).stream()
        .flatMap(value -> List.of(value.split(",")).stream())
        .anyMatch(part -> part.strip().equalsIgnoreCase(token));
  }

  /**
   * One line without its CRLF (a bare LF is accepted), as ISO-8859-1; null only if {@code endAllowed} and the stream
   * ends before its first byte.
   */
  private String readLine(int tooLongStatus, boolean endAllowed) throws IOException, MalformedRequest {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (endAllowed && line.length() == 0) {
          return null;
        }
        throw new EOFException("the connection ended inside a request");
      }
      if (b == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() == MAX_LINE) {
        throw new MalformedRequest(tooLongStatus, "A request line or header field is too long.");
      }
      line.append((char) b);
    }
  }
}
