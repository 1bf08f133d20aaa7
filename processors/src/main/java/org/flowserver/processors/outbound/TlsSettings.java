package org.flowserver.processors.outbound;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS settings of a service. Verification of the server's certificate and host name is on by default.
 *
 * @param caCertificateFile      PEM certificates trusted instead of the JDK's trust store
 * @param clientCertificateFile  the PEM client certificate (chain) presented to the server
 * @param clientKeySecretName    the secret holding the client certificate's PEM private key (PKCS#8)
 * @param verifyHostname         whether the certificate must name the host; default true
 * @param insecure               trust every certificate and host: only for tests; default false
 */
public record TlsSettings(Optional<Path> caCertificateFile, Optional<Path> clientCertificateFile,
                          Optional<String> clientKeySecretName, boolean verifyHostname, boolean insecure) {

    /** The JDK's trust store, host names verified. */
    public static final TlsSettings DEFAULT = new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            true, false);

    public TlsSettings {
        Objects.requireNonNull(caCertificateFile, "caCertificateFile");
        Objects.requireNonNull(clientCertificateFile, "clientCertificateFile");
        Objects.requireNonNull(clientKeySecretName, "clientKeySecretName");
    }
}
