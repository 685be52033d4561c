/** The embedded single-node KRaft broker, run as a child process of Kubemate. */
package io.kubemate.app.broker;
