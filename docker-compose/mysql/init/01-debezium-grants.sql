-- Run once by the mysql image's entrypoint, after it created the user idaas (MYSQL_USER) and its database idaas.
-- The global privileges Debezium's MySQL connector documents ("Creating a MySQL user for Debezium"): SELECT, RELOAD and
-- SHOW DATABASES for the snapshot, REPLICATION SLAVE to read the binlog, REPLICATION CLIENT for SHOW BINARY LOG STATUS /
-- SHOW BINARY LOGS. On a server without global read locks (RDS, Aurora) LOCK TABLES is needed too; not here.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'idaas'@'%';
FLUSH PRIVILEGES;
