package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API base URLs of Partoo's environments, as a bundle lists them in its root {@code servers}, told apart by their
 * descriptions: a server whose description mentions "sandbox" (any case) is the sandbox, else one that mentions
 * "production" is production; the first of each, in document order, counts. URL templates take their variables'
 * defaults, and only absolute {@code https} URLs count; trailing slashes are dropped.
 *
 * @param production the production API base URL, if the bundle lists one
 * @param sandbox the sandbox API base URL, if the bundle lists one
 * @param listed every root server as {@code url (description)}, for messages
 */
public record Servers(Optional<String> production, Optional<String> sandbox, List<String> listed) {

  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]*)}");

  public Servers {
    listed = List.copyOf(listed);
  }

  /** The environments of {@code bundle}; never throws, whatever its {@code servers} hold. */
  public static Servers of(Bundle bundle) {
    String production = null;
    String sandbox = null;
    List<String> listed = new ArrayList<>();
    for (JsonNode server : bundle.root().path("servers")) {
      String description = server.path("description").asText("");
      listed.add(server.path("url").asText("(no url)") + (description.isEmpty() ? "" : " (" + description + ")"));
      String url = baseUrl(server);
      if (url == null) {
        continue;
      }
      String described = description.toLowerCase(Locale.ROOT);
      if (described.contains("sandbox")) {
        sandbox = sandbox == null ? url : sandbox;
      } else if (described.contains("production")) {
        production = production == null ? url : production;
      }
    }
    return new Servers(Optional.ofNullable(production), Optional.ofNullable(sandbox), listed);
  }

  /** The server's URL with its variables' defaults, without trailing slashes, or null unless absolute https. */
  private static String baseUrl(JsonNode server) {
    Matcher variables = VARIABLE.matcher(server.path("url").asText(""));
    StringBuilder url = new StringBuilder();
    while (variables.find()) {
      JsonNode value = server.path("variables").path(variables.group(1)).path("default");
      if (!value.isTextual()) {
        return null;
      }
      variables.appendReplacement(url, Matcher.quoteReplacement(value.asText()));
    }
    variables.appendTail(url);
    while (url.length() > 0 && url.charAt(url.length() - 1) == '/') {
      url.setLength(url.length() - 1);
    }
    try {
      URI uri = new URI(url.toString());
      boolean usable = "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
          && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      return usable ? url.toString() : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
