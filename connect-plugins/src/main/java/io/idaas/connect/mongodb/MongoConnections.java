package io.idaas.connect.mongodb;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.UuidRepresentation;

import java.util.concurrent.TimeUnit;

/** Opens clients of MongoDB's official driver the way the sink uses them. */
final class MongoConnections {

    private MongoConnections() {
    }

    /**
     * A client on {@code uri} whose server selection, connection and socket reads each give up after {@code timeoutMs};
     * UUIDs in the standard representation (binary subtype 4).
     */
    static MongoClient open(String uri, int timeoutMs) {
        MongoClientSettings settings = MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri.trim()))
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .applyToClusterSettings(b -> b.serverSelectionTimeout(timeoutMs, TimeUnit.MILLISECONDS))
            .applyToSocketSettings(b -> b.connectTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMs, TimeUnit.MILLISECONDS))
            .applicationName("idaas-mongodb-sink")
            .build();
        return MongoClients.create(settings);
    }

    /** The connection string without its password, for messages. */
    static String redact(String uri) {
        return uri.trim().replaceAll("(?<=://)([^:/@]+):[^@/]*@", "$1:****@");
    }
}
