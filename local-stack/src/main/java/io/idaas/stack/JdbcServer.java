package io.idaas.stack;

/** A database server of the stack that clients reach over JDBC: where it listens and how to log in. */
public interface JdbcServer extends StackComponent {

    /** The JDBC URL of the stack's database, e.g. {@code jdbc:postgresql://127.0.0.1:PORT/idaas}. */
    String jdbcUrl();

    /** The address the server listens on. */
    String host();

    /** The TCP port. */
    int port();

    /** A user who may do everything, including read the change log. */
    String user();

    String password();

    /** The database created for the stack. */
    String database();
}
