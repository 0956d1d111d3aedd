package com.acme.partoo.benchmarks.pages;

import com.acme.partoo.spring.autoconfigure.PartooUserResolver;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.example.partoo.service.BookingsPage;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The baseline of the page measurement: the example's bookings page as it was rendered before the login endpoint,
 * with a token generated on every page view and its login URL written into the page ({@code PartooLinkController}'s
 * code, which the README taught). Loaded into the example service by {@link ServiceProcess}
 * ({@code spring.main.sources}); never part of the example itself.
 */
@Controller
public final class PerViewBookingsPage {

  /** Where the service serves it, beside the example's own {@code /bookings}. */
  public static final String PATH = "/bookings-per-view";

  private final PartooClient partoo;
  private final PartooUserResolver users;

  PerViewBookingsPage(PartooClient partoo, PartooUserResolver users) {
    this.partoo = partoo;
    this.users = users;
  }

  @GetMapping(path = PATH, produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String bookings(Principal user, CsrfToken csrf, HttpServletRequest request) {
    String loginUrl = null;                             // per page view: a token is single-use
    Optional<String> partooUser = users.partooUserId(request);
    try {
      if (partooUser.isPresent()) {
        ConnectionToken token = partoo.connectionTokens().generate(partooUser.get(), Duration.ofMinutes(5));
        loginUrl = partoo.connectionTokens().loginUrl(token.token()).toString();
      }
    } catch (PartooException e) {                       // down, slow, refused: the page renders without the link
      loginUrl = null;
    }
    return BookingsPage.render(user.getName(), BookingsPage.bookingsOf(user.getName()), loginUrl, csrf);
  }
}
