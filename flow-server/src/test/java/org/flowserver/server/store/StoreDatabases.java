package org.flowserver.server.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flowserver.server.ServerConfig;
import org.flowserver.server.TestFiles;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link StoreTest} twice: on embedded H2 in a temporary directory (the server's default store, opened
 * the way the server opens it) and on PostgreSQL in a schema of its own ({@link TestPostgres}). Each database is
 * opened and migrated once per test class and closed (the H2 files deleted, the schema dropped) after it; before
 * each test every table but Flyway's history is emptied.
 *
 * <p>Without a configured PostgreSQL the PostgreSQL runs are skipped with the reason, unless
 * {@value TestPostgres#REQUIRED} is {@code true}: then they fail.
 */
public final class StoreDatabases implements TestTemplateInvocationContextProvider {

    /** A database the store runs on. */
    public enum Kind {
        H2("H2"), POSTGRESQL("PostgreSQL");

        private final String displayName;

        Kind(String displayName) {
            this.displayName = displayName;
        }
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreDatabases.class);
    private static final String FLYWAY_HISTORY = "flyway_schema_history";

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(StoreTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(Kind.values()).map(Invocation::new);
    }

    /** One run of a store test on one database. */
    private static final class Invocation implements TestTemplateInvocationContext, ExecutionCondition,
            BeforeEachCallback, ParameterResolver {

        private final Kind kind;

        Invocation(Kind kind) {
            this.kind = kind;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.displayName + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<String> skipReason = kind == Kind.POSTGRESQL ? TestPostgres.fromEnvironment().skipReason()
                    : Optional.empty();
            return skipReason.map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled(kind.displayName));
        }

        @Override
        public void beforeEach(ExtensionContext context) throws SQLException {
            emptyTables(database(context));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Database.class || type == Kind.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == Kind.class ? kind : database(context);
        }

        private Database database(ExtensionContext context) {
            ExtensionContext classContext = classContext(context);
            Class<?> testClass = classContext.getRequiredTestClass();
            return classContext.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(kind, k -> OpenDatabase.open(k, testClass), OpenDatabase.class)
                    .database();
        }

        private static ExtensionContext classContext(ExtensionContext context) {
            ExtensionContext current = context;
            while (current.getTestMethod().isPresent()) {
                current = current.getParent().orElseThrow();
            }
            return current;
        }
    }

    /** A database opened for one test class; the class's store closes it when the class is done. */
    private record OpenDatabase(Database database, AutoCloseable afterClose) implements AutoCloseable {

        static OpenDatabase open(Kind kind, Class<?> testClass) {
            return switch (kind) {
                case H2 -> {
                    Path dir;
                    try {
                        dir = Files.createTempDirectory("flowserver-store-test");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    yield new OpenDatabase(Database.open(ServerConfig.defaults(dir)), () -> TestFiles.deleteRecursively(dir));
                }
                case POSTGRESQL -> {
                    TestPostgres.Schema schema = TestPostgres.fromEnvironment().createSchema(testClass);
                    try {
                        ServerConfig config = schema.configure(ServerConfig.defaults(Path.of("unused")));
                        yield new OpenDatabase(Database.open(config), schema);
                    } catch (RuntimeException e) {
                        schema.close();
                        throw e;
                    }
                }
            };
        }

        @Override
        public void close() throws Exception {
            try {
                database.close();
            } finally {
                afterClose.close();
            }
        }
    }

    /** Empties every table of the store's schema but Flyway's history, whatever foreign keys join them. */
    static void emptyTables(Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            List<String> tables = tables(connection);
            if (tables.isEmpty()) {
                return;
            }
            if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY");
            } else {
                // H2 truncates one table at a time, and only with the foreign keys switched off.
                statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
                try {
                    for (String table : tables) {
                        statement.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY");
                    }
                } finally {
                    statement.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
            }
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        String quote = metaData.getIdentifierQuoteString();
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = metaData.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String table = rows.getString("TABLE_NAME");
                // The schema argument is a pattern ('_' matches any character): keep this schema's tables only.
                if (schema.equals(rows.getString("TABLE_SCHEM")) && !table.equalsIgnoreCase(FLYWAY_HISTORY)) {
                    tables.add(quote + schema + quote + "." + quote + table + quote);
                }
            }
        }
        return tables;
    }
}
