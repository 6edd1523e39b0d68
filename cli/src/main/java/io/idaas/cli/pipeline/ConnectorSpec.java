package io.idaas.cli.pipeline;

import java.util.Map;

/**
 * One connector a pipeline declares: its name, whether it is the source, and its config as Connect's
 * {@code PUT /connectors/{name}/config} takes it ({@code name} included, as {@code GET} gives it back).
 *
 * @param target the target's name for a sink, null for the source
 */
public record ConnectorSpec(String name, boolean source, String target, Map<String, String> config) {

    public String connectorClass() {
        return config.get("connector.class");
    }
}
