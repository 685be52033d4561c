/**
 * The summary workers: they consume {@code kubemate.rca.requests}, summarise the incident as it is now, and publish
 * to {@code kubemate.rca.results}, beside the streams and never on a stream thread.
 */
package io.kubemate.rag.worker;
