package org.flowserver.processors.outbound;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in memory for TLS tests (EC P-256): a CA, and certificates it signs for servers and clients,
 * written as PEM files (PKCS#8 keys) the way an operator would configure them.
 */
final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {

        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String keyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** Writes {@code <name>.pem} and {@code <name>-key.pem} into {@code directory}; returns the first. */
        Path write(Path directory, String name) {
            try {
                Files.writeString(directory.resolve(name + "-key.pem"), keyPem(), StandardCharsets.US_ASCII);
                return Files.writeString(directory.resolve(name + ".pem"), certificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    /** A CA: {@code BasicConstraints(true)}, {@code keyCertSign}. */
    static Issued authority(String name) {
        KeyPair keys = keys();
        X500Name subject = new X500Name("CN=" + name);
        try {
            return new Issued(keys, sign(builder(subject, subject, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    keys.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server certificate {@code ca} signs, naming {@code dnsNames} and, when given, IP address {@code ip}. */
    static Issued server(Issued ca, String ip, String... dnsNames) {
        GeneralName[] names = new GeneralName[dnsNames.length + (ip == null ? 0 : 1)];
        for (int i = 0; i < dnsNames.length; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        }
        if (ip != null) {
            names[dnsNames.length] = new GeneralName(GeneralName.iPAddress, ip);
        }
        return leaf(ca, "CN=" + dnsNames[0], KeyPurposeId.id_kp_serverAuth, new GeneralNames(names));
    }

    /** A client certificate {@code ca} signs. */
    static Issued client(Issued ca, String name) {
        return leaf(ca, "CN=" + name, KeyPurposeId.id_kp_clientAuth, null);
    }

    private static Issued leaf(Issued ca, String subject, KeyPurposeId purpose, GeneralNames alternativeNames) {
        KeyPair keys = keys();
        try {
            X509v3CertificateBuilder builder = builder(new X500Name(ca.certificate().getSubjectX500Principal()
                    .getName()), new X500Name(subject), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils()
                            .createAuthorityKeyIdentifier(ca.certificate()));
            if (alternativeNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
            }
            return new Issued(keys, sign(builder, ca.keys().getPrivate()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        try {
            return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    keys.getPublic())
                    .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils()
                            .createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
