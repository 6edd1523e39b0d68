-- Run once by the mariadb image's entrypoint, after it created the user idaas (MARIADB_USER) and its database idaas.
-- The global privileges Debezium's MariaDB connector documents (as for MySQL): SELECT, RELOAD and SHOW DATABASES for the
-- snapshot, REPLICATION SLAVE to read the binlog, REPLICATION CLIENT (BINLOG MONITOR in MariaDB) for the binlog status.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'idaas'@'%';
FLUSH PRIVILEGES;
