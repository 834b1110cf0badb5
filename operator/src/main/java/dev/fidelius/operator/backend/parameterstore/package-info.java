/**
 * AWS Systems Manager Parameter Store as a secret backend: names {@code
 * <prefix>/APP/component/sdlc/short}.
 *
 * <p>Where the calls go, for N parameters a refresh asks about:
 *
 * <ul>
 *   <li>Change detection: DescribeParameters with a name filter of up to fifty exact names, pages
 *       of fifty, metadata only (no value is read or decrypted): about N/50 calls.
 *   <li>Values: pinned versions already read come from the shared value cache, keyed by name,
 *       version number and write time (a re-created parameter counts its versions from 1 again);
 *       the rest is read ten per GetParameters call, SecureStrings decrypted by Parameter Store
 *       itself.
 *   <li>Listings ({@code dataFrom.find}): DescribeParameters with a recursive path filter.
 * </ul>
 *
 * <p>Every AWS failure becomes a typed {@link dev.fidelius.operator.backend.Outcome} per secret;
 * values never appear in messages or logs.
 */
package dev.fidelius.operator.backend.parameterstore;
