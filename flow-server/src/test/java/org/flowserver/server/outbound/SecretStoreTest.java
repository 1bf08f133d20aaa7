package org.flowserver.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.flowserver.processors.outbound.SecretValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretStoreTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock();

    @Test
    void usesARotatedSecretFileAfterThirtySeconds() throws Exception {
        // given
        Path file = dir.resolve("crm.secret");
        Files.writeString(file, "old-value\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
        SecretValue secret = store("{\"crm\": {\"file\": \"crm.secret\"}}", Map.of()).find("crm").orElseThrow();
        assertThat(secret.reveal()).isEqualTo("old-value");

        // when
        Files.writeString(file, "new-value\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));

        // then
        clock.advance(Duration.ofSeconds(29));
        assertThat(secret.reveal()).isEqualTo("old-value");
        clock.advance(Duration.ofSeconds(1));
        assertThat(secret.reveal()).isEqualTo("new-value");
    }

    @Test
    void readsAFileAgainOnlyWhenItsModificationTimeChanged() throws Exception {
        // given
        Path file = dir.resolve("crm.secret");
        Files.writeString(file, "first");
        FileTime modified = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, modified);
        SecretValue secret = store("{\"crm\": {\"file\": \"crm.secret\"}}", Map.of()).find("crm").orElseThrow();

        // when
        Files.writeString(file, "second");
        Files.setLastModifiedTime(file, modified);
        clock.advance(Duration.ofMinutes(1));

        // then
        assertThat(secret.reveal()).isEqualTo("first");
    }

    @Test
    void keepsTheValueReadBeforeWhenTheFileIsGone() throws Exception {
        // given
        Path file = dir.resolve("crm.secret");
        Files.writeString(file, "still-valid");
        SecretValue secret = store("{\"crm\": {\"file\": \"crm.secret\"}}", Map.of()).find("crm").orElseThrow();

        // when
        Files.delete(file);
        clock.advance(Duration.ofSeconds(30));

        // then
        assertThat(secret.reveal()).isEqualTo("still-valid");
    }

    @Test
    void stripsTrailingLineBreaksOnly() throws Exception {
        // given
        Files.writeString(dir.resolve("crm.secret"), " two words \r\n\n");

        // when
        SecretStore store = store("{\"crm\": {\"file\": \"crm.secret\"}}", Map.of());

        // then
        assertThat(store.find("crm").orElseThrow().reveal()).isEqualTo(" two words ");
    }

    @Test
    void readsAnEnvironmentSecretAtLoad() {
        // given
        Map<String, String> environment = new java.util.HashMap<>(Map.of("GITHUB_TOKEN", "ghp_abc\n"));
        SecretStore store = store("{\"github-token\": {\"env\": \"GITHUB_TOKEN\"}}", environment);

        // when
        environment.put("GITHUB_TOKEN", "changed");

        // then
        assertThat(store.find("github-token").orElseThrow().reveal()).isEqualTo("ghp_abc");
        assertThat(store.find("github-token").orElseThrow().name()).isEqualTo("github-token");
    }

    @Test
    void findsSecretsByTheirExactName() {
        // given
        SecretStore store = store("{\"crm\": {\"env\": \"CRM\"}}", Map.of("CRM", "c"));

        // when / then
        assertThat(store.find("crm")).isPresent();
        assertThat(store.find("CRM")).isEmpty();
        assertThat(store.find("erp")).isEmpty();
    }

    @Test
    void letsFlowsNameOnlySecretsWhoseOwnersListThem() {
        // given
        SecretStore store = store("""
                {"acme-only": {"env": "A", "owners": ["acme"]}, "everyone": {"env": "A", "owners": ["*"]},
                 "services-only": {"env": "A"}}""", Map.of("A", "a"));

        // when / then
        assertThat(store.allows("acme-only", "acme")).isTrue();
        assertThat(store.allows("acme-only", "globex")).isFalse();
        assertThat(store.allows("everyone", "globex")).isTrue();
        assertThat(store.allows("services-only", "acme")).isFalse();
        assertThat(store.allows("missing", "acme")).isFalse();
    }

    @Test
    void listsTheNamesSortedAndNeverAValue() {
        // given
        SecretStore store = store("{\"zeta\": {\"env\": \"A\"}, \"alpha\": {\"env\": \"A\"}}", Map.of("A", "hunter2"));

        // when / then
        assertThat(store.names()).containsExactly("alpha", "zeta");
        assertThat(store).hasToString("SecretStore[alpha, zeta]");
        assertThat(store.find("alpha").orElseThrow()).hasToString("***");
    }

    private SecretStore store(String secrets, Map<String, String> environment) {
        return OutboundConfig.parse("{\"secrets\": " + secrets + "}", dir, environment, clock).secrets();
    }
}
