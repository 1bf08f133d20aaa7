package org.flowserver.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.flowserver.server.access.ServiceAccounts.NewSecrets;
import org.flowserver.server.store.Database;
import org.flowserver.server.store.StoreTest;
import org.junit.jupiter.api.BeforeEach;

/** Service accounts and management users in the relational store, on H2 and on PostgreSQL with the real schema. */
class ServiceAccountsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC);

    private Database database;
    private ServiceAccounts accounts;
    private ManagementUsers users;

    @BeforeEach
    void open(Database database) {
        this.database = database;
        JdbcAccessStore store = new JdbcAccessStore(database.dataSource());
        PasswordHashing hashing = new PasswordHashing(AccessConfig.MIN_ITERATIONS);
        accounts = new ServiceAccounts(store, hashing, CLOCK);
        users = new ManagementUsers(store, hashing, CLOCK);
    }

    @StoreTest
    void storesOnlyHashesOfTheSecrets() throws SQLException {
        NewSecrets secrets = accounts.create("billing", Optional.of("Billing"), "admin").orElseThrow();

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT password_hash, api_key_hash FROM service_accounts WHERE name = 'billing'");
             ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("pbkdf2-sha256$1000$")
                    .doesNotContain(secrets.password().orElseThrow());
            assertThat(rows.getString(2)).isEqualTo(Secrets.sha256(secrets.apiKey().orElseThrow()));
        }
    }

    @StoreTest
    void storesOnlyAHashOfAUsersPassword() throws SQLException {
        String password = users.create("anna", Role.OPERATOR, "admin").orElseThrow();

        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT password_hash FROM management_users WHERE name = 'anna'");
             ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).startsWith("pbkdf2-sha256$1000$").doesNotContain(password);
        }
        assertThat(users.basic("anna", password)).map(ManagementUsers.User::role).hasValue(Role.OPERATOR);
    }

    @StoreTest
    void verifiesThePasswordAndTheApiKey() {
        NewSecrets secrets = accounts.create("billing", Optional.empty(), "admin").orElseThrow();

        assertThat(accounts.basic("billing", secrets.password().orElseThrow())).hasValue("billing");
        assertThat(accounts.basic("billing", "wrong")).isEmpty();
        assertThat(accounts.basic("nobody", secrets.password().orElseThrow())).isEmpty();
        assertThat(accounts.apiKey(secrets.apiKey().orElseThrow())).hasValue("billing");
        assertThat(accounts.apiKey("fsk_unknown")).isEmpty();
    }

    @StoreTest
    void refusesASecondAccountOfTheSameName() {
        accounts.create("billing", Optional.empty(), "admin");

        assertThat(accounts.create("billing", Optional.empty(), "admin")).isEmpty();
    }

    @StoreTest
    void grantsRevokesAndForgetsTheGrantsOfADeletedAccount() {
        accounts.create("billing", Optional.empty(), "admin");

        assertThat(accounts.grant("billing", "acme", "orders", "admin")).isTrue();
        assertThat(accounts.grant("billing", "acme", "orders", "admin")).isFalse();
        assertThat(accounts.granted("billing", "acme", "orders")).isTrue();
        assertThat(accounts.granted("billing", "acme", "invoices")).isFalse();
        assertThat(accounts.revoke("billing", "acme", "orders")).isTrue();
        assertThat(accounts.granted("billing", "acme", "orders")).isFalse();

        accounts.grant("billing", "acme", "orders", "admin");
        accounts.delete("billing");
        accounts.create("billing", Optional.empty(), "admin");
        assertThat(accounts.granted("billing", "acme", "orders")).isFalse();
    }

    @StoreTest
    void endsTheSessionsOfAUserWhosePasswordIsReset() {
        users.create("anna", Role.OPERATOR, "admin");
        ManagementUsers.NewSession session = users.login(new ManagementUsers.User("anna", Role.OPERATOR));
        assertThat(users.session(session.token())).map(found -> found.user().name()).hasValue("anna");

        users.resetPassword("anna");

        assertThat(users.session(session.token())).isEmpty();
    }
}
