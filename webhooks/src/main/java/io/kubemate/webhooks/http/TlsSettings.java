package io.kubemate.webhooks.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * HTTPS for the HTTP edge: a PKCS#12 keystore holding the server's key and certificate chain. With it, the server
 * listens for TLS only (no plain HTTP beside it), TLS 1.2 and 1.3 with Jetty's default cipher suites.
 *
 * @param keystore the PKCS#12 file
 * @param password its password (also the key's); never shown by {@link #toString()}
 */
public record TlsSettings(Path keystore, String password) {
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        password = password == null ? "" : password;
        if (!Files.isReadable(keystore)) {
            throw new IllegalArgumentException("the TLS keystore " + keystore + " is not a readable file");
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
