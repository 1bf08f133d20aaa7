package org.flowserver.processors.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowserver.processors.outbound.OutboundFixtures.CONTEXT;
import static org.flowserver.processors.outbound.OutboundFixtures.await;
import static org.flowserver.processors.outbound.OutboundFixtures.failure;
import static org.flowserver.processors.outbound.OutboundFixtures.get;
import static org.flowserver.processors.outbound.OutboundFixtures.settings;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS per service: trust, host names, client certificates, and files that cannot be used failing the start. */
class TlsTest {

    @TempDir
    static Path files;

    private static Vertx vertx;
    private static TestCertificates.Issued ca;
    private static Path caFile;
    private static Path serverCert;
    private static Path otherHostCert;
    private static Path clientCert;
    private static String clientKey;

    private LoopbackServer server;
    private OutboundHttp http;

    @BeforeAll
    static void makeCertificates() {
        vertx = Vertx.vertx();
        ca = TestCertificates.authority("Test CA");
        caFile = ca.write(files, "ca");
        serverCert = TestCertificates.server(ca, "127.0.0.1", "localhost").write(files, "server");
        otherHostCert = TestCertificates.server(ca, null, "other.example").write(files, "other");
        TestCertificates.Issued client = TestCertificates.client(ca, "flowserver");
        clientCert = client.write(files, "client");
        clientKey = client.keyPem();
    }

    @AfterAll
    static void closeVertx() {
        await(vertx.close());
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void failsWithTlsWhenTheJdkDoesNotTrustTheServer() {
        // given
        server = httpsServer(serverCert, false);
        http = create(List.of(), Secrets.NONE);

        // when
        RestCallException failure = failure(http.direct().send(get(server.url("/x")), settings()
                .retry(OutboundFixtures.RETRIES).build(), Credentials.NONE, CONTEXT));

        // then: the reason after "failed: " is the JDK's wording
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (tls) after 1 attempt: the TLS "
                + "handshake failed: unable to find valid certification path to requested target");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.TLS);
        assertThat(failure.isTransient()).isFalse();
        assertThat(failure.exhausted()).isFalse();
        assertThat(server.count()).isZero();
    }

    @Test
    void trustsTheServiceCa() {
        // given
        server = httpsServer(serverCert, false);
        http = create(List.of(service(new TlsSettings(Optional.of(caFile), Optional.empty(), Optional.empty(),
                true, false))), Secrets.NONE);

        // when
        OutboundResponse response = await(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void failsWithTlsWhenTheCertificateNamesAnotherHost() {
        // given
        server = httpsServer(otherHostCert, false);
        http = create(List.of(service(new TlsSettings(Optional.of(caFile), Optional.empty(), Optional.empty(),
                true, false))), Secrets.NONE);

        // when
        RestCallException failure = failure(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (tls) after 1 attempt: the TLS "
                + "handshake failed: No subject alternative names matching IP address 127.0.0.1 found");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.TLS);
    }

    @Test
    void acceptsAnotherHostsCertificateWhenHostNamesAreNotVerified() {
        // given
        server = httpsServer(otherHostCert, false);
        http = create(List.of(service(new TlsSettings(Optional.of(caFile), Optional.empty(), Optional.empty(),
                false, false))), Secrets.NONE);

        // when
        OutboundResponse response = await(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void trustsEveryCertificateWhenInsecure() {
        // given: a CA the service does not know, and a certificate for another host
        server = httpsServer(otherHostCert, false);
        http = create(List.of(service(new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), true,
                true))), Secrets.NONE);

        // when
        OutboundResponse response = await(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void presentsTheClientCertificateAServerRequires() {
        // given
        server = httpsServer(serverCert, true);
        http = create(List.of(service(new TlsSettings(Optional.of(caFile), Optional.of(clientCert),
                Optional.of("crm-client-key"), true, false))), secrets(Map.of("crm-client-key", clientKey)));

        // when
        OutboundResponse response = await(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void failsWithTlsWithoutTheClientCertificateAServerRequires() {
        // given
        server = httpsServer(serverCert, true);
        http = create(List.of(service(new TlsSettings(Optional.of(caFile), Optional.empty(), Optional.empty(),
                true, false))), Secrets.NONE);

        // when
        RestCallException failure = failure(http.service("crm").orElseThrow().send(get(server.url("/x")),
                settings().build(), Credentials.NONE, CONTEXT));

        // then
        assertThat(failure).hasMessage("GET " + server.url("/x") + " failed (tls) after 1 attempt: the TLS "
                + "handshake failed: Received fatal alert: bad_certificate");
        assertThat(failure.kind()).isEqualTo(RestErrorKind.TLS);
        assertThat(server.count()).isZero();
    }

    @Test
    void refusesToStartWhenTheCaFileIsMissing() {
        // given
        Path missing = files.resolve("missing.pem");
        TlsSettings tls = new TlsSettings(Optional.of(missing), Optional.empty(), Optional.empty(), true, false);

        // when / then
        assertThatThrownBy(() -> create(List.of(service(tls)), Secrets.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': tls.caCertificateFile '" + missing + "' cannot be read "
                        + "(NoSuchFileException); expected a readable PEM file of certificates");
    }

    @Test
    void refusesToStartWhenTheCaFileHoldsNoCertificate() throws IOException {
        // given
        Path notPem = Files.writeString(files.resolve("not-a-certificate.pem"), "hello");
        TlsSettings tls = new TlsSettings(Optional.of(notPem), Optional.empty(), Optional.empty(), true, false);

        // when / then
        assertThatThrownBy(() -> create(List.of(service(tls)), Secrets.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': tls.caCertificateFile '" + notPem + "' holds no certificate that can be "
                        + "parsed; expected PEM certificates (-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void refusesToStartWhenTheClientKeySecretIsNotConfigured() {
        // given
        TlsSettings tls = new TlsSettings(Optional.empty(), Optional.of(clientCert), Optional.of("crm-key"), true,
                false);

        // when / then
        assertThatThrownBy(() -> create(List.of(service(tls)), secrets(Map.of("github-token", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': tls.clientKeySecretName 'crm-key' names no configured secret; configured "
                        + "secrets: [github-token]");
    }

    @Test
    void refusesToStartWhenTheClientKeyIsNotAPkcs8KeyWithoutShowingIt() {
        // given
        String notAKey = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVl\n-----END PRIVATE KEY-----\n";
        TlsSettings tls = new TlsSettings(Optional.empty(), Optional.of(clientCert), Optional.of("crm-key"), true,
                false);

        // when / then
        assertThatThrownBy(() -> create(List.of(service(tls)), secrets(Map.of("crm-key", notAKey))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': the client key secret 'crm-key' is not a PEM PKCS#8 private key; expected "
                        + "-----BEGIN PRIVATE KEY----- (RSA or EC), e.g. converted with 'openssl pkcs8 -topk8 "
                        + "-nocrypt'")
                .hasMessageNotContaining("c2VjcmV0LXZhbHVl");
    }

    @Test
    void refusesToStartWithAClientCertificateButNoKey() {
        // given
        TlsSettings tls = new TlsSettings(Optional.empty(), Optional.of(clientCert), Optional.empty(), true, false);

        // when / then
        assertThatThrownBy(() -> create(List.of(service(tls)), Secrets.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service 'crm': tls.clientCertificateFile and tls.clientKeySecretName go together, but "
                        + "only tls.clientCertificateFile is set; set both to present a client certificate, or "
                        + "neither");
    }

    private static LoopbackServer httpsServer(Path certificate, boolean requireClientCertificate) {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(certificate.toString())
                .setKeyPath(certificate.resolveSibling(certificate.getFileName().toString()
                        .replace(".pem", "-key.pem")).toString()));
        if (requireClientCertificate) {
            options.setClientAuth(ClientAuth.REQUIRED).setTrustOptions(new PemTrustOptions()
                    .addCertPath(caFile.toString()));
        }
        return LoopbackServer.start(vertx, options);
    }

    private static ServiceDefinition service(TlsSettings tls) {
        return OutboundFixtures.service("crm", "https://127.0.0.1/", 5, 10, tls);
    }

    private static OutboundHttp create(List<ServiceDefinition> services, Secrets secrets) {
        return OutboundHttp.create(vertx, OutboundDefaults.DEFAULT, services, secrets, new ManualClock());
    }

    private static Secrets secrets(Map<String, String> values) {
        return new Secrets() {
            @Override
            public Optional<SecretValue> find(String name) {
                return Optional.ofNullable(values.get(name)).map(value -> new SecretValue(name, () -> value));
            }

            @Override
            public boolean allows(String name, String ownerId) {
                return false;
            }

            @Override
            public Set<String> names() {
                return values.keySet();
            }
        };
    }
}
