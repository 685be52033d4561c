/** The bundled demo: a realistic alert storm replayed through the real webhook endpoint. */
package io.kubemate.app.demo;
