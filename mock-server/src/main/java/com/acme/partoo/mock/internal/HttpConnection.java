package com.acme.partoo.mock.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * One client connection: reads a request, has the {@link RequestHandler} answer it, writes the answer in one write, and
 * goes on while the connection is persistent (HTTP/1.1 keep-alive; pipelined requests are answered in order). Ends
 * quietly on any I/O failure, when the client closes, or when the server stops.
 */
final class HttpConnection implements Runnable {

  /** How long a closing connection waits for the client to close its side. */
  private static final Duration LINGER = Duration.ofSeconds(2);
  private static final long MAX_LINGER_BYTES = 1024 * 1024;

  private final Socket socket;
  private final RequestHandler handler;
  private final Semaphore answering;
  private final ResponseEncoder encoder;

  /** {@code answering} bounds how many requests the whole server answers at once. */
  HttpConnection(Socket socket, RequestHandler handler, Semaphore answering, ResponseEncoder encoder) {
    this.socket = socket;
    this.handler = handler;
    this.answering = answering;
    this.encoder = encoder;
  }

  @Override
  public void run() {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      RequestParser parser = new RequestParser(in, out);
      Next next = Next.READ;
      while (next == Next.READ) {
        next = serveOne(parser, out);
      }
      if (next == Next.LINGER) {
        lingeringClose(in);
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, the idle timeout passed, or the server is stopping: nothing to answer to.
    }
  }

  /** What a connection does after a request. */
  private enum Next {
    /** Read the next request. */
    READ,
    /** Close after the answer just written, letting the client read it first. */
    LINGER,
    /** Close at once: the client left, or a dropped-connection fault wants no answer. */
    CLOSE
  }

  private Next serveOne(RequestParser parser, OutputStream out) throws IOException, InterruptedException {
    Optional<RequestParser.Parsed> parsed;
    try {
      parsed = parser.next();
    } catch (MalformedRequest malformed) {
      // Its framing cannot be trusted, so neither can anything after it on this connection.
      out.write(encoder.encode(malformed.answer(), true, "close"));
      return Next.LINGER;
    }
    if (parsed.isEmpty()) {
      return Next.CLOSE;
    }
    Request request = parsed.get().request();
    boolean keepAlive = parsed.get().keepAlive();
    // HTTP/1.1 is persistent unless told otherwise; HTTP/1.0 only when both sides say keep-alive.
    String connection = keepAlive ? (parsed.get().http10() ? "keep-alive" : null) : "close";
    answering.acquire();
    try {
      Optional<Answer> answer = handler.answer(request);
      if (answer.isEmpty()) {
        return Next.CLOSE; // a dropped connection: closed without a byte of answer
      }
      out.write(encoder.encode(answer.get(), !request.method().equals("HEAD"), connection));
      return keepAlive ? Next.READ : Next.LINGER;
    } finally {
      answering.release();
    }
  }

  /**
   * Sends FIN, then reads and discards what the client still sends until it closes too. Closing a socket with
   * unread input makes the kernel send a reset, which can destroy the answer before the client has read it.
   */
  private void lingeringClose(InputStream in) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout((int) LINGER.toMillis());
    byte[] discard = new byte[4096];
    long left = MAX_LINGER_BYTES;
    for (int read = in.read(discard); read >= 0 && left > 0; read = in.read(discard)) {
      left -= read;
    }
  }
}
