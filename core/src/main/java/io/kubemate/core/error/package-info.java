/**
 * Kubemate's exception hierarchy: {@link io.kubemate.core.error.KubemateException} at the root, split by what a
 * caller can do: retry ({@link io.kubemate.core.error.RetriableException}) or fix the input.
 */
package io.kubemate.core.error;
