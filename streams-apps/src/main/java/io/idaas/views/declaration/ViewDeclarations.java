package io.idaas.views.declaration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a view declaration file, JSON or YAML (JSON is YAML, so one reader takes both), and refuses it whole, listing
 * every problem, when anything is wrong. The shape:
 *
 * <pre>
 * views:
 *   - name: paid_orders            # letters, digits, _ and -; unique in the file
 *     kind: table                  # table, join, merge or aggregate
 *     topic: shop.inventory.orders # a DDML topic
 *     key: [id]                    # optional: the primary-key columns in key order (needed for composite keys)
 *     fields:                      # optional: output name: source field (or a list of field names)
 *       id: id
 *       total: amount
 *     where:                       # optional: every condition must hold
 *       - {field: status, op: eq, value: paid}
 *   - name: orders_with_customer
 *     kind: join                   # many-to-one: each order with its customer
 *     topic: shop.inventory.orders
 *     join:
 *       topic: shop.inventory.customers
 *       on: {customer_id: id}      # order field: customer key column (in key order)
 *       as: customer               # the field holding the customer row
 *       fields: [name, email]      # optional, as a view's fields
 *       type: left                 # left (default: orders without a customer kept, customer null) or inner
 *   - name: customer_360
 *     kind: merge                  # one-to-many: each customer with the list of its orders, each with its items
 *     topic: shop.inventory.customers
 *     children:
 *       - topic: shop.inventory.orders
 *         on: {customer_id: id}    # order field: customer key column (in key order)
 *         as: orders               # the customer document's list
 *         children:
 *           - {topic: shop.inventory.order_items, on: {order_id: id}, as: items}
 *   - name: sales_per_customer
 *     kind: aggregate              # per group: count, sum, min, max, latest
 *     topic: shop.inventory.orders
 *     group_by: [customer_id]
 *     aggregates:
 *       orders: {op: count}
 *       total: {op: sum, field: amount}
 *       last_status: {op: latest, field: status}
 * </pre>
 */
public final class ViewDeclarations {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Set<String> VIEW_KEYS = Set.of("name", "kind", "topic", "key", "fields", "where", "join", "children", "group_by", "aggregates",
            "changelog_topic");
    private static final Set<String> CONDITION_KEYS = Set.of("field", "op", "value");
    private static final Set<String> JOIN_KEYS = Set.of("topic", "on", "as", "fields", "type");
    private static final Set<String> CHILD_KEYS = Set.of("topic", "on", "as", "fields", "children");

    private ViewDeclarations() {
    }

    /** Reads and checks the file at {@code path}. */
    public static List<ViewDeclaration> read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ViewDeclarationException(path.toString(), List.of("the file cannot be read (" + e.getMessage()
                    + "); pass the path of a JSON or YAML file with a 'views' list"));
        }
        return parse(text, path.toString());
    }

    /** Reads and checks declarations given as text; {@code origin} names them in errors. */
    public static List<ViewDeclaration> parse(String text, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ViewDeclarationException(origin, List.of("it is neither JSON nor YAML: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")"));
        }
        List<String> problems = new ArrayList<>();
        List<ViewDeclaration> views = new ArrayList<>();
        JsonNode list = root == null ? null : root.get("views");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new ViewDeclarationException(origin, List.of("there is no 'views' list; declare at least one view: "
                    + "views: [{name: orders, kind: table, topic: <a DDML topic>}]"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode view = list.get(i);
            String label = "views[" + i + "]";
            if (!view.isObject()) {
                problems.add(label + " is not an object; give it name, kind and topic");
                continue;
            }
            String name = text(view, "name");
            if (name != null && NAME.matcher(name).matches()) {
                label = "view '" + name + "'";
                if (!names.add(name)) {
                    problems.add(label + ": the name is used twice; give each view its own name");
                }
            } else {
                problems.add(label + ": field 'name' " + (name == null ? "is missing" : "'" + name + "' is not allowed")
                        + "; use 1 to 100 letters, digits, '_' or '-'");
            }
            unknownKeys(view, VIEW_KEYS, label, "", problems);
            ViewKind kind = kind(view, label, problems);
            String topic = text(view, "topic");
            if (topic == null || topic.isBlank()) {
                problems.add(label + ": field 'topic' is missing; name the DDML topic the view reads");
            }
            List<String> key = key(view.get("key"), label, problems);
            Map<String, String> fields = fields(view.get("fields"), label, problems);
            List<Condition> where = where(view.get("where"), label, problems);
            JoinDeclaration join = join(view.get("join"), kind, label, problems);
            List<MergeDeclaration> children = List.of();
            if (kind == ViewKind.MERGE) {
                children = children(view.get("children"), label, "children", problems);
                if (view.get("children") == null) {
                    problems.add(label + ": a merge view needs 'children': [{topic: <child DDML topic>, on: {<child field>: "
                            + "<parent key column>}, as: <list field>}]");
                }
            } else if (view.get("children") != null) {
                problems.add(label + ": field 'children' is given but the view's kind is not 'merge'; remove it or set kind: merge");
            }
            List<String> groupBy = List.of();
            Map<String, Aggregate> aggregates = Map.of();
            if (kind == ViewKind.AGGREGATE) {
                groupBy = groupBy(view.get("group_by"), label, problems);
                aggregates = aggregates(view.get("aggregates"), label, problems);
                if (view.get("fields") != null) {
                    problems.add(label + ": field 'fields' does not apply to an aggregate view (its document is the group_by "
                            + "fields and the aggregates); remove it");
                }
            } else if (view.get("group_by") != null || view.get("aggregates") != null) {
                problems.add(label + ": fields 'group_by' and 'aggregates' are for kind 'aggregate'; remove them or set kind: aggregate");
            }
            String changelogTopic = text(view, "changelog_topic");
            if (view.has("changelog_topic") && (changelogTopic == null || !changelogTopic.matches("[A-Za-z0-9._-]{1,249}"))) {
                problems.add(label + ": field 'changelog_topic' is " + view.get("changelog_topic") + "; name a Kafka topic "
                        + "(letters, digits, '.', '_', '-') or leave it out for <application id>.view.<name>");
            }
            if (problems.isEmpty()) {
                views.add(new ViewDeclaration(name, kind, topic, key, fields, where, join, children, groupBy, aggregates, changelogTopic));
            }
        }
        if (!problems.isEmpty()) {
            throw new ViewDeclarationException(origin, problems);
        }
        return List.copyOf(views);
    }

    private static ViewKind kind(JsonNode view, String label, List<String> problems) {
        String id = text(view, "kind");
        if (id == null) {
            problems.add(label + ": field 'kind' is missing; use one of " + ViewKind.choices());
            return null;
        }
        ViewKind kind = ViewKind.of(id).orElse(null);
        if (kind == null) {
            problems.add(label + ": field 'kind' is '" + id + "'; use one of " + ViewKind.choices());
        }
        return kind;
    }

    private static List<String> groupBy(JsonNode node, String label, List<String> problems) {
        List<String> fields = new ArrayList<>();
        if (node == null || !node.isArray() || node.isEmpty()) {
            problems.add(label + ": field 'group_by' is " + (node == null ? "missing" : node.toString())
                    + "; list the fields whose values make a group, e.g. [customer_id]");
            return fields;
        }
        for (JsonNode f : node) {
            if (!f.isTextual() || f.textValue().isBlank() || fields.contains(f.textValue())) {
                problems.add(label + ": field 'group_by' holds " + f + "; list each field once, by name");
            } else {
                fields.add(f.textValue());
            }
        }
        return fields;
    }

    private static Map<String, Aggregate> aggregates(JsonNode node, String label, List<String> problems) {
        Map<String, Aggregate> aggregates = new LinkedHashMap<>();
        if (node == null || !node.isObject() || node.isEmpty()) {
            problems.add(label + ": field 'aggregates' is " + (node == null ? "missing" : node.toString())
                    + "; map output names to aggregates, e.g. {orders: {op: count}, total: {op: sum, field: amount}}");
            return aggregates;
        }
        node.fields().forEachRemaining(e -> {
            String at = label + ": field 'aggregates." + e.getKey();
            JsonNode a = e.getValue();
            String opId = a.isObject() ? text(a, "op") : null;
            Aggregate.Op op = opId == null ? null : Aggregate.Op.of(opId).orElse(null);
            if (op == null) {
                problems.add(at + ".op' is " + (opId == null ? "missing" : "'" + opId + "'") + "; use one of " + Aggregate.Op.choices());
                return;
            }
            a.fieldNames().forEachRemaining(k -> {
                if (!k.equals("op") && !k.equals("field")) {
                    problems.add(at + "." + k + "' is not known; an aggregate has op and field");
                }
            });
            String field = text(a, "field");
            if (op == Aggregate.Op.COUNT && field != null) {
                problems.add(at + ".field' is given but count takes none; remove it");
            } else if (op != Aggregate.Op.COUNT && (field == null || field.isBlank())) {
                problems.add(at + ".field' is missing; " + op.id() + " needs the row field it reads");
            } else {
                aggregates.put(e.getKey(), new Aggregate(op, field));
            }
        });
        return aggregates;
    }

    private static List<MergeDeclaration> children(JsonNode node, String label, String path, List<String> problems) {
        List<MergeDeclaration> children = new ArrayList<>();
        if (node == null) {
            return children;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(label + ": field '" + path + "' is " + node + "; give a list of child levels {topic, on, as}");
            return children;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode child = node.get(i);
            String at = path + "[" + i + "]";
            if (!child.isObject()) {
                problems.add(label + ": field '" + at + "' is not an object; write {topic, on, as}");
                continue;
            }
            unknownKeys(child, CHILD_KEYS, label, at + ".", problems);
            String topic = text(child, "topic");
            if (topic == null || topic.isBlank()) {
                problems.add(label + ": field '" + at + ".topic' is missing; name the child table's DDML topic");
            }
            Map<String, String> on = on(child.get("on"), label, at + ".on", "child", "parent", problems);
            String as = text(child, "as");
            if (as == null || as.isBlank()) {
                problems.add(label + ": field '" + at + ".as' is missing; name the parent document's list field");
            }
            Map<String, String> fields = fields(child.get("fields"), label + " (" + at + ")", problems);
            List<MergeDeclaration> grandchildren = children(child.get("children"), label, at + ".children", problems);
            children.add(new MergeDeclaration(topic, on, as, fields, grandchildren));
        }
        return children;
    }

    private static Map<String, String> on(JsonNode onNode, String label, String path, String from, String to, List<String> problems) {
        Map<String, String> on = new LinkedHashMap<>();
        if (onNode == null || !onNode.isObject() || onNode.isEmpty()) {
            problems.add(label + ": field '" + path + "' is " + (onNode == null ? "missing" : onNode.toString()) + "; map each "
                    + from + " field to a primary-key column of the " + to + " table, e.g. {customer_id: id}");
            return on;
        }
        onNode.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                problems.add(label + ": field '" + path + "." + e.getKey() + "' is " + e.getValue()
                        + "; give the " + to + " table's primary-key column name");
            } else {
                on.put(e.getKey(), e.getValue().textValue());
            }
        });
        return on;
    }

    private static JoinDeclaration join(JsonNode node, ViewKind kind, String label, List<String> problems) {
        if (kind != ViewKind.JOIN) {
            if (node != null) {
                problems.add(label + ": field 'join' is given but the view's kind is not 'join'; remove it or set kind: join");
            }
            return null;
        }
        if (node == null || !node.isObject()) {
            problems.add(label + ": a join view needs a 'join' block: {topic: <referenced DDML topic>, on: {<field>: "
                    + "<referenced key column>}, as: <field name>}");
            return null;
        }
        unknownKeys(node, JOIN_KEYS, label, "join.", problems);
        String topic = text(node, "topic");
        if (topic == null || topic.isBlank()) {
            problems.add(label + ": field 'join.topic' is missing; name the DDML topic of the referenced table");
        }
        Map<String, String> on = new LinkedHashMap<>();
        JsonNode onNode = node.get("on");
        if (onNode == null || !onNode.isObject() || onNode.isEmpty()) {
            problems.add(label + ": field 'join.on' is " + (onNode == null ? "missing" : onNode.toString()) + "; map each "
                    + "field of this view's rows to a primary-key column of the referenced table, e.g. {customer_id: id}");
        } else {
            onNode.fields().forEachRemaining(e -> {
                if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                    problems.add(label + ": field 'join.on." + e.getKey() + "' is " + e.getValue()
                            + "; give the referenced primary-key column's name");
                } else {
                    on.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        String as = text(node, "as");
        if (as == null || as.isBlank()) {
            problems.add(label + ": field 'join.as' is missing; name the document field that holds the referenced row");
        }
        String type = text(node, "type");
        if (type != null && !type.equals("left") && !type.equals("inner")) {
            problems.add(label + ": field 'join.type' is '" + type + "'; use left (keep rows without a match) or inner");
        }
        Map<String, String> fields = fields(node.get("fields"), label + " (join)", problems);
        return new JoinDeclaration(topic, on, as, fields, "inner".equals(type));
    }

    private static List<String> key(JsonNode node, String label, List<String> problems) {
        List<String> key = new ArrayList<>();
        if (node == null || node.isNull()) {
            return key;
        }
        if (!node.isArray() || node.isEmpty()) {
            problems.add(label + ": field 'key' is " + node + "; list the primary-key columns in key order, e.g. [order_id, line]");
            return key;
        }
        for (JsonNode column : node) {
            if (!column.isTextual() || column.textValue().isBlank() || key.contains(column.textValue())) {
                problems.add(label + ": field 'key' holds " + column + "; list each primary-key column once, by name");
            } else {
                key.add(column.textValue());
            }
        }
        return key;
    }

    private static Map<String, String> fields(JsonNode node, String label, List<String> problems) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return fields;
        }
        if (node.isArray()) {
            for (JsonNode f : node) {
                if (!f.isTextual() || f.textValue().isBlank()) {
                    problems.add(label + ": field 'fields' holds " + f + "; list field names, or map output names to "
                            + "source fields");
                } else if (fields.put(f.textValue(), f.textValue()) != null) {
                    problems.add(label + ": field 'fields' names '" + f.textValue() + "' twice");
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual() || e.getValue().textValue().isBlank()) {
                    problems.add(label + ": field 'fields." + e.getKey() + "' is " + e.getValue()
                            + "; give the source field's name");
                } else {
                    fields.put(e.getKey(), e.getValue().textValue());
                }
            }
        } else {
            problems.add(label + ": field 'fields' is " + node + "; list field names, or map output names to source fields");
        }
        return fields;
    }

    private static List<Condition> where(JsonNode node, String label, List<String> problems) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return conditions;
        }
        if (!node.isArray()) {
            problems.add(label + ": field 'where' is not a list; write a list of {field, op, value}");
            return conditions;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String at = label + ": field 'where[" + i + "]";
            if (!c.isObject()) {
                problems.add(at + "' is not an object; write {field: <name>, op: eq, value: <value>}");
                continue;
            }
            unknownKeys(c, CONDITION_KEYS, label, "where[" + i + "].", problems);
            String field = text(c, "field");
            if (field == null || field.isBlank()) {
                problems.add(at + ".field' is missing; name the row field to test");
            }
            String opId = text(c, "op");
            Condition.Op op = opId == null ? null : Condition.Op.of(opId).orElse(null);
            if (op == null) {
                problems.add(at + ".op' is " + (opId == null ? "missing" : "'" + opId + "'") + "; use one of "
                        + Condition.Op.choices());
                continue;
            }
            JsonNode value = c.get("value");
            if (op.needsValue() && (value == null || value.isNull())) {
                problems.add(at + ".value' is missing; op '" + op.id() + "' compares with a value (for NULL use "
                        + "op is_null or not_null)");
            } else if (op == Condition.Op.IN && !value.isArray()) {
                problems.add(at + ".value' must be a list for op 'in', e.g. [paid, shipped]");
            } else if (op.needsValue() && op != Condition.Op.IN && value.isContainerNode()) {
                problems.add(at + ".value' must be a single value for op '" + op.id() + "'");
            } else if (!op.needsValue() && value != null) {
                problems.add(at + ".value' is given but op '" + op.id() + "' takes none; remove it");
            } else if (field != null && !field.isBlank()) {
                conditions.add(new Condition(field, op, value));
            }
        }
        return conditions;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String label, String prefix, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(label + ": field '" + prefix + k + "' is not known; the fields are " + new java.util.TreeSet<>(known));
            }
        });
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
