/** The {@code kubemate} command line: run, demo, bench, config-doc. */
package io.kubemate.app.cli;
