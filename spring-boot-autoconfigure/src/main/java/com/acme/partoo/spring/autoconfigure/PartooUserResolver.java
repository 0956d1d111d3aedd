package com.acme.partoo.spring.autoconfigure;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says which Partoo user the signed-in user of a request is. Define one as a bean in a Spring MVC application and the
 * starter serves that user's Partoo login on demand ({@link PartooLoginProperties}); without one there are no login
 * endpoints. With Spring Security, {@code request.getUserPrincipal()} is the {@code Authentication}. Called on a
 * request thread for each login request: keep it quick (no call to Partoo), thread-safe, and never throwing for a
 * user who is merely not signed in.
 */
@FunctionalInterface
public interface PartooUserResolver {

  /** The Partoo user id of the user signed in on {@code request}, or empty when nobody is (answered 401, unsent). */
  Optional<String> partooUserId(HttpServletRequest request);
}
