package io.idaas.stack.mariadb;
// STUB (uncommitted) until the helper's branch is merged.
public final class MariaDbServer implements io.idaas.stack.StackComponent {
    public MariaDbServer(java.nio.file.Path dataDir, int port) { }
    public io.idaas.stack.Component kind() { return io.idaas.stack.Component.MARIADB; }
    public void start() { throw new UnsupportedOperationException(); }
    public java.util.List<io.idaas.stack.Endpoint> endpoints() { return java.util.List.of(); }
    public void close() { }
    public String jdbcUrl() { return ""; }
    public String user() { return "idaas"; }
    public String password() { return "idaas"; }
    public String host() { return "127.0.0.1"; }
    public int port() { return 0; }
    public String database() { return "idaas"; }
}
