package com.example.partoo.service;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PermissionDeniedException;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /partoo}: a page for the signed-in user with a fresh Partoo login link, or without it when Partoo cannot
 * give one in time. "Signed in" is kept simple here: the {@code X-User-Id} header names the user (as an authenticating
 * proxy in front of the service would set it); a real service takes it from its own security context.
 */
@RestController
final class PartooLinkController {

  private static final Logger LOG = LoggerFactory.getLogger(PartooLinkController.class);

  private final PartooClient partoo;

  PartooLinkController(PartooClient partoo) {
    this.partoo = partoo;
  }

  @GetMapping(path = "/partoo", produces = MediaType.TEXT_HTML_VALUE)
  String page(@RequestHeader("X-User-Id") String userId) {
    // README: spring page view
    URI loginUrl = null;                                // per page view: a token is single-use
    try {
      ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofMinutes(5));
      loginUrl = partoo.connectionTokens().loginUrl(token.token());
    } catch (PermissionDeniedException e) {
      LOG.warn("Partoo refuses a token for this user: check the key's access ({})", e.getMessage());
    } catch (PartooException e) {                       // down, slow, or the outage protection refused at once
      LOG.info("Page rendered without a Partoo link: {}", e.getMessage());
    }
    // README: end spring page view
    return render(userId, loginUrl);
  }

  private static String render(String userId, URI loginUrl) {
    String body = loginUrl == null
        ? "<p id=\"partoo-unavailable\">Partoo is not available right now; try again in a moment.</p>"
        : "<p><a id=\"partoo-login\" href=\"" + HtmlUtils.htmlEscape(loginUrl.toString()) + "\">Open Partoo</a></p>";
    return "<!DOCTYPE html>\n<html><head><title>Bookings</title></head><body>\n<h1>Bookings of "
        + HtmlUtils.htmlEscape(userId) + "</h1>\n" + body + "\n</body></html>\n";
  }
}
