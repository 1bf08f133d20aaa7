package org.flowserver.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.flowserver.server.ServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema for one server test class, made before the class's server starts and dropped after it
 * stops; the class is skipped, or fails, as {@link TestPostgres} says. Register it ahead of the server:
 *
 * <pre>{@code
 * @RegisterExtension @Order(1)
 * static final PostgresSchemaExtension POSTGRES = new PostgresSchemaExtension();
 * @RegisterExtension @Order(2)
 * static final FlowServerExtension SERVER = FlowServerExtension.with(POSTGRES::configure);
 * }</pre>
 */
public final class PostgresSchemaExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    private final TestPostgres postgres = TestPostgres.fromEnvironment();
    private TestPostgres.Schema schema;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return postgres.skipReason().map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("PostgreSQL is configured"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        schema = postgres.createSchema(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }

    /** {@code config} with the class's schema as its store. */
    public ServerConfig configure(ServerConfig config) {
        return schema().configure(config);
    }

    /** A connection to the class's schema, to look at what the server stored. */
    public Connection connect() throws SQLException {
        return schema().connect();
    }

    private TestPostgres.Schema schema() {
        if (schema == null) {
            throw new IllegalStateException("No PostgreSQL schema yet: register PostgresSchemaExtension with a "
                    + "lower @Order than the extension that uses it");
        }
        return schema;
    }
}
