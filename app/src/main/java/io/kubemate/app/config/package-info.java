/** The configuration table, its loader (environment over file over defaults) and the generated reference. */
package io.kubemate.app.config;
