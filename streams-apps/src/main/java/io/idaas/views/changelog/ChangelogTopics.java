package io.idaas.views.changelog;

import io.idaas.views.declaration.ViewDeclaration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * The DDML changelog topic of each view: {@code changelog_topic} when declared, else
 * {@code <application.id>.view.<name>}; created at start when missing, compacted, with as many partitions as the
 * view's input topic.
 */
public final class ChangelogTopics {

    private static final Logger LOG = LoggerFactory.getLogger(ChangelogTopics.class);

    private ChangelogTopics() {
    }

    /** View {@code view}'s changelog topic for the app {@code applicationId}. */
    public static String topic(ViewDeclaration view, String applicationId) {
        return Optional.ofNullable(view.changelogTopic()).orElse(applicationId + ".view." + view.name());
    }

    /** Creates the missing changelog topics of {@code views}. */
    public static void create(List<ViewDeclaration> views, String bootstrapServers, String applicationId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get();
            for (ViewDeclaration view : views) {
                String topic = topic(view, applicationId);
                if (existing.contains(topic)) {
                    continue;
                }
                TopicDescription input = admin.describeTopics(List.of(view.topic())).allTopicNames().get().get(view.topic());
                NewTopic changelog = new NewTopic(topic, Optional.of(input.partitions().size()), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(changelog)).all().get();
                    LOG.info("created the changelog topic {} of view '{}' ({} partitions)", topic, view.name(), input.partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the views' changelog topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the views' changelog topics on " + bootstrapServers + ": "
                    + e.getCause().getMessage() + "; create them by hand or grant the app CREATE on the cluster", e.getCause());
        }
    }
}
