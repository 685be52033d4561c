/**
 * Kubemate's stream processing: {@link io.kubemate.streams.KubemateTopology} (alert lifecycle, then correlation
 * into incidents), its settings, and {@link io.kubemate.streams.KubemateStreams}, the running application with the
 * failure policy of {@link io.kubemate.streams.errors}.
 */
package io.kubemate.streams;
