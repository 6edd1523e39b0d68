package io.idaas.verify.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCredential;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.idaas.verify.VerifyConfig;

import java.util.concurrent.TimeUnit;

/**
 * Opens a MongoDB target: a connection string, {@code mongodb://[USER:PASSWORD@]HOST[:PORT][,HOST...]/DATABASE[?options]}
 * or {@code mongodb+srv://...}, whose database is the one the idaas MongoDB sink writes ({@code mongodb.database}).
 */
final class MongoTargets {

    private MongoTargets() {
    }

    /** The connection string, checked: it names a database. */
    static ConnectionString parse(VerifyConfig.Database target) {
        ConnectionString cs;
        try {
            cs = new ConnectionString(target.jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--target '" + target.displayUrl() + "' is not a MongoDB connection string ("
                    + e.getMessage() + "); write mongodb://HOST:PORT/DATABASE");
        }
        if (cs.getDatabase() == null || cs.getDatabase().isBlank()) {
            throw new IllegalArgumentException("--target '" + target.displayUrl() + "' names no database: write mongodb://HOST:PORT/DATABASE, "
                    + "DATABASE being the sink's mongodb.database");
        }
        return cs;
    }

    /** A client; the user and password options win over those in the connection string. */
    static MongoClient open(VerifyConfig.Database target) {
        ConnectionString cs = parse(target);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(cs)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(30, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.readTimeout(120, TimeUnit.SECONDS));
        if (target.user() != null) {
            String source = cs.getCredential() != null && cs.getCredential().getSource() != null ? cs.getCredential().getSource() : "admin";
            settings.credential(MongoCredential.createCredential(target.user(), source,
                    target.password() == null ? new char[0] : target.password().toCharArray()));
        }
        return MongoClients.create(settings.build());
    }
}
