package io.idaas.stack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The parts of the local stack, in start order. */
public enum Component {
    KAFKA("kafka"),
    POSTGRES("postgres"),
    MARIADB("mariadb"),
    REDIS("redis"),
    MONGO("mongo"),
    REGISTRY("registry"),
    CONNECT("connect", KAFKA);

    private final String id;
    private final Set<Component> requires;

    Component(String id, Component... requires) {
        this.id = id;
        this.requires = requires.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(requires));
    }

    /** The name users type, e.g. {@code idaas up --only kafka,connect}. */
    public String id() {
        return id;
    }

    /** The parts this one cannot run without. */
    public Set<Component> requires() {
        return requires;
    }

    public static Component fromId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Component c : values()) {
            if (c.id.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown part of the stack '" + id + "': choose from " + ids(EnumSet.allOf(Component.class)));
    }

    /** Adds every part the given ones require (connect brings kafka). */
    public static EnumSet<Component> withRequirements(Set<Component> chosen) {
        EnumSet<Component> all = chosen.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(chosen);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Component c : EnumSet.copyOf(all)) {
                grew |= all.addAll(c.requires);
            }
        }
        return all;
    }

    public static String ids(Set<Component> components) {
        return components.stream().map(Component::id).collect(Collectors.joining(","));
    }
}
