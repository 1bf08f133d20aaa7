package org.flowserver.server.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A store test, run once on each database the server supports: embedded H2 and PostgreSQL. The test method,
 * and the class's {@code @BeforeEach} methods, may take an opened, migrated {@link Database} parameter; every
 * test starts with empty tables. See {@link StoreDatabases} for where the databases come from.
 *
 * <pre>{@code
 * @StoreTest
 * void savesAFlow(Database database) {
 *     JdbcFlowStore store = new JdbcFlowStore(database.dataSource());
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(StoreDatabases.class)
public @interface StoreTest {
}
