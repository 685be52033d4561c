/**
 * The web page an on-call engineer keeps open: one HTML, one CSS and one script file served at {@code /}, no
 * framework and nothing from elsewhere. The script reads the incident API, follows {@code
 * /api/v1/incidents/stream} for live changes, and sends actions and feedback through the API; everything it shows
 * from the API is inserted as text, never as markup. Wired by {@link io.kubemate.webhooks.ui.PageRoutes}.
 */
package io.kubemate.webhooks.ui;
