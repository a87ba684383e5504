/**
 * Application-level service discovery: the values every role shares. An application instance publishes once, under
 * its application's datum ({@link io.roster.common.app.AppIds#appDataInfoId}), an {@link AppInstance}: its address
 * and the digest of its {@link Revision}, which lists the interfaces it serves with each one's parameters. Revisions
 * are registered once (idempotent by digest) and replicated in meta; the {@link RevisionCatalog} is the immutable
 * image of them that meta keeps and every session copies, with the interface-to-applications index derived from it.
 * Pure values and rules only: no I/O.
 */
package io.roster.common.app;
