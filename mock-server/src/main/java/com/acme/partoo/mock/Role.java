package com.acme.partoo.mock;

/**
 * A Partoo user role. The fake only gives {@link #PROVIDER} a meaning of its own: a connection token cannot be
 * generated for a provider. What an API key may do is set explicitly by its WRITE access, whatever its owner's role.
 */
public enum Role {
  /** Partoo's reseller/partner role; never receives connection tokens. */
  PROVIDER,
  /** Administrator of an organization. */
  ORG_ADMIN,
  /** Manager of a group of businesses. */
  GROUP_MANAGER,
  /** Manager of one or more businesses. */
  BUSINESS_MANAGER,
  /** A publisher reading business data. */
  PUBLISHER
}
