package com.example.partoo.service;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The bookings page's HTML. Its "Open Partoo" link is a plain link to the starter's login endpoint: rendering it asks
 * Partoo nothing. Public for the page benchmark, which renders the same page behind the old per-page-view token.
 */
public final class BookingsPage {

  /** The link's target: the starter's redirect endpoint ({@code partoo.login.path}). */
  public static final String PARTOO_LOGIN = "/partoo/login";

  private BookingsPage() {}

  /** The demo's bookings of {@code user}: the service's own data, which has nothing to do with Partoo. */
  public static List<String> bookingsOf(String user) {
    return List.of("Meeting room 2, Monday 09:00-10:00 (" + user + ")", "Van 7, Thursday 14:00-18:00");
  }

  /**
   * The page of {@code user}'s {@code bookings}, with an "Open Partoo" link to {@code partooHref}, or a line saying
   * Partoo is unavailable when it is null; {@code csrf} goes into the sign-out form.
   */
  public static String render(String user, List<String> bookings, @Nullable String partooHref, CsrfToken csrf) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>Bookings</title></head><body>\n<h1>Bookings of ").append(HtmlUtils.htmlEscape(user))
        .append("</h1>\n<ul id=\"bookings\">\n");
    for (String booking : bookings) {
      page.append("<li>").append(HtmlUtils.htmlEscape(booking)).append("</li>\n");
    }
    page.append("</ul>\n");
    if (partooHref == null) {
      page.append("<p id=\"partoo-unavailable\">Partoo is not available right now; try again in a moment.</p>\n");
    } else {
      page.append("<p><a id=\"open-partoo\" href=\"").append(HtmlUtils.htmlEscape(partooHref))
          .append("\">Open Partoo</a> · <a id=\"embedded-partoo\" href=\"/partoo-embedded\">Partoo in this page</a>"
              + "</p>\n");
    }
    page.append("<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"")
        .append(HtmlUtils.htmlEscape(csrf.getParameterName())).append("\" value=\"")
        .append(HtmlUtils.htmlEscape(csrf.getToken())).append("\"><button id=\"sign-out\" type=\"submit\">Sign out"
            + "</button></form>\n</body></html>\n");
    return page.toString();
  }
}
