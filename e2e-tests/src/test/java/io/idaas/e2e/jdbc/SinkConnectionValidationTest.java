package io.idaas.e2e.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.idaas.e2e.ConnectRest;
import io.idaas.stack.JdbcServer;
import io.idaas.stack.LocalStack;
import io.idaas.stack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connect's validate endpoint ({@code PUT /connector-plugins/.../config/validate}) connects to the sink's target: a
 * wrong password is refused there, on {@code connection.user} and {@code connection.password}, as Debezium's
 * connectors refuse theirs; a target that does not answer is refused on {@code connection.url}; a good config passes.
 */
@ExtendWith(LocalStackExtension.class)
class SinkConnectionValidationTest {

    private static final String SINK = "io.idaas.connect.jdbc.JdbcSinkConnector";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWrongPasswordIsRefusedNamingTheUserAndPassword(LocalStack stack) {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        for (JdbcServer db : List.of(stack.postgres(), stack.mariadb())) {
            JsonNode verdict = connect.validate(SINK, config(db.jdbcUrl(), db.user(), "not-the-password"));
            Map<String, List<String>> errors = errors(verdict);
            assertThat(verdict.path("error_count").asInt()).as(db.jdbcUrl()).isEqualTo(2);
            for (String key : List.of("connection.user", "connection.password")) {
                assertThat(errors.get(key)).as(key + " of " + db.jdbcUrl()).singleElement().asString()
                    .startsWith("Unable to connect to " + db.jdbcUrl() + ": the target refused the login of user '" + db.user() + "'")
                    .endsWith("check connection.user and connection.password");
            }
            assertThat(errors.get("connection.url")).isEmpty();
        }
    }

    @Test
    void theRightPasswordPasses(LocalStack stack) {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        for (JdbcServer db : List.of(stack.postgres(), stack.mariadb())) {
            JsonNode verdict = connect.validate(SINK, config(db.jdbcUrl(), db.user(), db.password()));
            assertThat(verdict.path("error_count").asInt()).as(db.jdbcUrl() + ": " + errors(verdict)).isZero();
        }
    }

    @Test
    void aTargetThatDoesNotAnswerIsRefusedOnTheUrl(LocalStack stack) {
        ConnectRest connect = new ConnectRest(stack.connect().restUrl());
        String url = "jdbc:postgresql://127.0.0.1:1/idaas"; // nothing listens on port 1
        JsonNode verdict = connect.validate(SINK, config(url, "idaas", "idaas"));
        assertThat(errors(verdict).get("connection.url")).singleElement().asString()
            .startsWith("Unable to connect to " + url + " within 10 s: ").contains("check the host, port and database of connection.url");
        assertThat(verdict.path("error_count").asInt()).isEqualTo(1);
    }

    private static ObjectNode config(String url, String user, String password) {
        return JSON.createObjectNode()
            .put("connector.class", SINK)
            .put("name", "validate-only")
            .put("topics", "validate-only")
            .put("connection.url", url)
            .put("connection.user", user)
            .put("connection.password", password);
    }

    /** Each key's error messages in Connect's validate answer. */
    private static Map<String, List<String>> errors(JsonNode verdict) {
        Map<String, List<String>> out = new HashMap<>();
        for (JsonNode c : verdict.path("configs")) {
            List<String> messages = new ArrayList<>();
            c.path("value").path("errors").forEach(e -> messages.add(e.asText()));
            out.put(c.path("value").path("name").asText(), messages);
        }
        return out;
    }
}
