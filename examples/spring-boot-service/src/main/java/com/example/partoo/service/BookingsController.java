package com.example.partoo.service;

import java.security.Principal;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The service's pages. Neither calls Partoo: the bookings page links to the starter's login endpoint, and the
 * embedded page's script asks the starter's token endpoint when it needs a login, as Partoo's JS SDK would.
 */
@Controller
final class BookingsController {

  @GetMapping("/")
  String home() {
    return "redirect:/bookings";
  }

  @GetMapping(path = "/bookings", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String bookings(Principal user, CsrfToken csrf) {
    return BookingsPage.render(user.getName(), BookingsPage.bookingsOf(user.getName()), BookingsPage.PARTOO_LOGIN,
        csrf);
  }

  /** A page embedding Partoo: its script fetches a token with the CSRF token (partoo-embedded.js), never shows it. */
  @GetMapping(path = "/partoo-embedded", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String embedded(CsrfToken csrf) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Partoo</title>\n"
        + "<meta name=\"_csrf\" content=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">\n"
        + "<meta name=\"_csrf_header\" content=\"" + HtmlUtils.htmlEscape(csrf.getHeaderName()) + "\">\n"
        + "<script src=\"/partoo-embedded.js\" defer></script></head><body>\n<h1>Partoo</h1>\n"
        + "<p id=\"partoo-status\">Asking for a Partoo login...</p>\n<p><a href=\"/bookings\">Bookings</a></p>\n"
        + "</body></html>\n";
  }
}
