/**
 * Internal (test sources): an in-process PostHog Visual Review server that follows {@code
 * visual-review-api.md} strictly, with fault injection, for tests of the client, the PostHog
 * backend and the JUnit integration. Start it with {@link
 * dev.visualreview.api.contract.ContractServer#start()}.
 */
package dev.visualreview.api.contract;
