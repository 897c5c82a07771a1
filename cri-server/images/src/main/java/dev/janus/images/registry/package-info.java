/**
 * The OCI distribution API v2 client: {@link dev.janus.images.registry.MirrorResolver} orders the
 * endpoints, {@link dev.janus.images.registry.RepositorySession} tries them,
 * {@link dev.janus.images.registry.RegistryHttp} sends one request (retries, 401 challenge,
 * redirects), {@link dev.janus.images.registry.Authenticator} and
 * {@link dev.janus.images.registry.BearerTokenFlow} answer challenges.
 */
package dev.janus.images.registry;
