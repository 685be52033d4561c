/** Records that travel between modules and over topics, ports, typed topics and codecs. */
package io.kubemate.core;
