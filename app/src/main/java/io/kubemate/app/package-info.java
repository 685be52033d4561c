/** The {@code kubemate} process: composition root, embedded broker, command line. */
package io.kubemate.app;
