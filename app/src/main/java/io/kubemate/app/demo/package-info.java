/**
 * The bundled demo: a labelled incident recording replayed through the real endpoints, printed with its probable origin
 * and evidence.
 */
package io.kubemate.app.demo;
