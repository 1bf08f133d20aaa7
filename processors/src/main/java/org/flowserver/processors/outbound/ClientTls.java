package org.flowserver.processors.outbound;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@link TlsSettings} as Vert.x client options. Every file and the client key are read and parsed here,
 * at start, so that a wrong path or a broken PEM file fails the start instead of the first call (Vert.x itself
 * would only read them when it opens the first TLS connection).
 */
final class ClientTls {

    private static final Pattern PKCS8_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private ClientTls() {
    }

    /** Applies {@code tls} of service {@code service} to {@code options}. */
    static HttpClientOptions apply(HttpClientOptions options, String service, TlsSettings tls, Secrets secrets) {
        if (tls.insecure()) {
            return options.setTrustAll(true).setVerifyHost(false);
        }
        options.setVerifyHost(tls.verifyHostname());
        tls.caCertificateFile().ifPresent(file -> options.setTrustOptions(new PemTrustOptions()
                .addCertValue(certificates(service, "tls.caCertificateFile", file))));
        if (tls.clientCertificateFile().isPresent() != tls.clientKeySecretName().isPresent()) {
            throw new IllegalArgumentException("Service '" + service + "': tls.clientCertificateFile and "
                    + "tls.clientKeySecretName go together, but only "
                    + (tls.clientCertificateFile().isPresent() ? "tls.clientCertificateFile"
                            : "tls.clientKeySecretName")
                    + " is set; set both to present a client certificate, or neither");
        }
        if (tls.clientCertificateFile().isPresent()) {
            Buffer chain = certificates(service, "tls.clientCertificateFile", tls.clientCertificateFile().get());
            Buffer key = privateKey(service, tls.clientKeySecretName().get(), secrets);
            options.setKeyCertOptions(new PemKeyCertOptions().addCertValue(chain).addKeyValue(key));
        }
        return options;
    }

    private static Buffer certificates(String service, String field, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Service '" + service + "': " + field + " '" + file
                    + "' cannot be read (" + e.getClass().getSimpleName() + "); expected a readable PEM file of "
                    + "certificates", e);
        }
        try {
            if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                    .isEmpty()) {
                throw new GeneralSecurityException("no certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Service '" + service + "': " + field + " '" + file
                    + "' holds no certificate that can be parsed; expected PEM certificates "
                    + "(-----BEGIN CERTIFICATE-----)", e);
        }
        return Buffer.buffer(bytes);
    }

    private static Buffer privateKey(String service, String secretName, Secrets secrets) {
        SecretValue secret = secrets.find(secretName).orElseThrow(() -> new IllegalArgumentException(
                "Service '" + service + "': tls.clientKeySecretName '" + secretName + "' names no configured "
                        + "secret; configured secrets: " + new TreeSet<>(secrets.names())));
        String pem;
        try {
            pem = secret.reveal();
        } catch (RuntimeException e) {
            // The cause may describe the secret's file, never its value; the message names the secret only.
            throw new IllegalArgumentException("Service '" + service + "': the client key secret '" + secretName
                    + "' cannot be read; expected a PEM PKCS#8 private key", e);
        }
        Matcher matcher = PKCS8_KEY.matcher(pem == null ? "" : pem);
        if (matcher.find() && parses(matcher.group(1))) {
            return Buffer.buffer(pem, StandardCharsets.US_ASCII.name());
        }
        // Never the value or a parser's message about it in this text: it is a private key.
        throw new IllegalArgumentException("Service '" + service + "': the client key secret '" + secretName
                + "' is not a PEM PKCS#8 private key; expected -----BEGIN PRIVATE KEY----- (RSA or EC), "
                + "e.g. converted with 'openssl pkcs8 -topk8 -nocrypt'");
    }

    private static boolean parses(String base64) {
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return true;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // next algorithm
            }
        }
        return false;
    }
}
