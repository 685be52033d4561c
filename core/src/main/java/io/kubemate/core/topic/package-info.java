/** Typed topics, their settings and the JSON codec of Kubemate's records. */
package io.kubemate.core.topic;
