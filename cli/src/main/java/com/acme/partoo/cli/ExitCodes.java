package com.acme.partoo.cli;

import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RateLimitedException;
import com.acme.partoo.tokens.ServerException;
import com.acme.partoo.tokens.TransportConfigurationException;
import com.acme.partoo.tokens.UnexpectedResponseException;

/** The CLI contract's exit codes, and the one mapping from a failure to its code. */
final class ExitCodes {
  static final int OK = 0;
  static final int OTHER = 1;
  static final int USAGE = 2;
  static final int AUTHENTICATION = 3;
  static final int PERMISSION = 4;
  static final int NOT_FOUND = 5;
  static final int REJECTED = 6;
  static final int UNAVAILABLE = 7;
  static final int NO_ANSWER = 8;
  static final int UNEXPECTED = 9;
  /** This machine's TLS or proxy configuration: an untrusted certificate, a proxy refusing (nothing was retried). */
  static final int TRANSPORT_CONFIGURATION = 10;

  private ExitCodes() {}

  static int of(Throwable failure) {
    if (failure instanceof UsageException || failure instanceof IllegalArgumentException) {
      return USAGE;
    }
    if (failure instanceof AuthenticationException) {
      return AUTHENTICATION;
    }
    if (failure instanceof PermissionDeniedException) {
      return PERMISSION;
    }
    if (failure instanceof NotFoundException) {
      return NOT_FOUND;
    }
    if (failure instanceof InvalidRequestException) {
      return REJECTED;
    }
    if (failure instanceof RateLimitedException || failure instanceof ServerException) {
      return UNAVAILABLE;
    }
    if (failure instanceof TransportConfigurationException) { // before its parent: retrying will not help
      return TRANSPORT_CONFIGURATION;
    }
    if (failure instanceof PartooConnectionException) {
      return NO_ANSWER;
    }
    if (failure instanceof UnexpectedResponseException) {
      return UNEXPECTED;
    }
    return OTHER;
  }
}
