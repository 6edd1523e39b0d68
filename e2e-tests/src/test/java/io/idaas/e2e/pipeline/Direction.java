package io.idaas.e2e.pipeline;

/** The six shipped directions of connect-configs: a DDML source config, the sink config that reads its topics, the target. */
public enum Direction {
    MARIADB_TO_POSTGRES(Source.MARIADB, "mariadb-to-postgres", Target.POSTGRES),
    POSTGRES_TO_MARIADB(Source.POSTGRES, "postgres-to-mariadb", Target.MARIADB),
    MARIADB_TO_MARIADB(Source.MARIADB, "mariadb-to-mariadb", Target.MARIADB),
    POSTGRES_TO_POSTGRES(Source.POSTGRES, "postgres-to-postgres", Target.POSTGRES),
    MYSQL_TO_MYSQL(Source.MYSQL, "mysql-to-mysql", Target.MYSQL),
    POSTGRES_TO_MYSQL(Source.POSTGRES, "postgres-to-mysql", Target.MYSQL);

    public final Source source;
    public final String sinkConfig;
    public final Target target;

    Direction(Source source, String sinkConfig, Target target) {
        this.source = source;
        this.sinkConfig = sinkConfig;
        this.target = target;
    }
}
