/** Alerts as received and the transitions the lifecycle topology derives from them. */
package io.kubemate.core.alert;
