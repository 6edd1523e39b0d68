package io.idaas.transforms.ddml.ddl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which column number of the source's catalog ({@link CatalogTable}) each column of an event's shape is, when that can
 * be told: a column keeps its number through renames, so two shapes of a table whose columns are numbered tell a rename
 * (the same number, another name) from a drop and an add (another number). The catalog is read later than the event
 * (the connector may lag), so it may show renames, drops and added columns that the event does not. What PostgreSQL
 * guarantees makes most such cases exact:
 * <ul>
 *   <li>the event's columns are the table's live, non-generated columns in number order (pgoutput publishes them so);</li>
 *   <li>a column added later has a number higher than every column of the event;</li>
 *   <li>a column dropped later keeps its number, marked dropped; a column dropped before the event is dropped still.</li>
 * </ul>
 * Two rules, in this order:
 * <ol>
 *   <li><b>The names agree</b>: every column of the event is a live column of that name in the catalog, in the same
 *       order, and (without a column filter) no other live column comes before the last of them. Those are its numbers.
 *       (The only other reading would be columns dropped and added again under the same names, which no log shows.)
 *       A live column before the last one that the event lacks means names were reused: a rename, then a new column
 *       under the old name.</li>
 *   <li><b>Positions</b> (when the event carries every published column, i.e. no column filter): the numbers of the
 *       event's columns are an increasing choice among the catalog's live and dropped numbers (less the ones known
 *       {@code goneBefore} the event) that includes every live number up to its last. Each such choice is listed (at
 *       most {@value #MAX_CHOICES}); a column whose number is the same in every choice has that number, the others have
 *       none.</li>
 * </ol>
 * A column without a number takes part in no rename. Stateless.
 */
public final class ColumnNumbers {

    /** The most choices of numbers listed before giving up on the positions. */
    static final int MAX_CHOICES = 512;

    private ColumnNumbers() {
    }

    /**
     * The numbers of the columns {@code names} (an event's shape, in table order) that can be told from {@code table}.
     *
     * @param goneBefore numbers known to be dropped (or never published) before the event; ignored when one is live
     * @param positional whether the event carries every column the source publishes (false when the connector filters
     *                   columns: then only the first rule applies)
     * @return column name to number, for the columns whose number is certain
     */
    public static Map<String, Integer> assign(List<String> names, CatalogTable table, Set<Integer> goneBefore, boolean positional) {
        Map<String, Integer> live = new HashMap<>();
        List<Integer> liveNumbers = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        for (CatalogTable.CatalogColumn c : table.columns()) {
            if (c.dropped()) {
                dropped.add(c.number());
            } else if (!c.generated()) {
                live.put(c.name(), c.number());
                liveNumbers.add(c.number());
            }
        }
        Map<String, Integer> byName = byName(names, live);
        if (byName != null && (!positional || holdsEveryLiveNumberUpToItsLast(byName, liveNumbers))) {
            return byName;
        }
        if (!positional || names.isEmpty()) {
            return Map.of();
        }
        boolean contradicted = goneBefore.stream().anyMatch(liveNumbers::contains);
        List<Integer> candidates = dropped.stream().filter(n -> contradicted || !goneBefore.contains(n)).toList();
        List<int[]> choices = choices(names.size(), liveNumbers, candidates);
        if (choices.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int first = choices.get(0)[i];
            final int position = i;
            if (choices.stream().allMatch(c -> c[position] == first)) {
                out.put(names.get(i), first);
            }
        }
        return out;
    }

    /** The numbers when every name is a live column and they come in number order; else null. */
    private static Map<String, Integer> byName(List<String> names, Map<String, Integer> live) {
        Map<String, Integer> out = new LinkedHashMap<>();
        int previous = 0;
        for (String name : names) {
            Integer n = live.get(name);
            if (n == null || n <= previous) {
                return null;
            }
            out.put(name, n);
            previous = n;
        }
        return out;
    }

    /** Whether the numbers hold each live number up to their highest (a live column below it is in every event). */
    private static boolean holdsEveryLiveNumberUpToItsLast(Map<String, Integer> numbers, List<Integer> live) {
        int max = numbers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return live.stream().filter(n -> n <= max).allMatch(numbers::containsValue);
    }

    /**
     * Every increasing choice of {@code size} numbers among {@code live} and {@code dropped} that holds each live number
     * up to its last; empty when there are none or more than {@link #MAX_CHOICES}.
     */
    static List<int[]> choices(int size, List<Integer> live, List<Integer> dropped) {
        TreeSet<Integer> liveSet = new TreeSet<>(live);
        TreeSet<Integer> all = new TreeSet<>(live);
        all.addAll(dropped);
        List<int[]> out = new ArrayList<>();
        for (int last : all) {
            List<Integer> base = new ArrayList<>(liveSet.headSet(last, false));
            base.add(last);
            List<Integer> droppedBelow = new ArrayList<>(new TreeSet<>(dropped).headSet(last, false));
            int missing = size - base.size();
            if (missing < 0 || missing > droppedBelow.size()) {
                continue;
            }
            if (out.size() + binomial(droppedBelow.size(), missing) > MAX_CHOICES) {
                return List.of();
            }
            combine(droppedBelow, missing, 0, new ArrayList<>(), picked -> {
                TreeSet<Integer> choice = new TreeSet<>(base);
                choice.addAll(picked);
                out.add(choice.stream().mapToInt(Integer::intValue).toArray());
            });
        }
        return out;
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
            if (r > MAX_CHOICES) {
                return r;
            }
        }
        return r;
    }

    private static void combine(List<Integer> from, int count, int start, List<Integer> picked,
                                java.util.function.Consumer<List<Integer>> each) {
        if (picked.size() == count) {
            each.accept(picked);
            return;
        }
        for (int i = start; i <= from.size() - (count - picked.size()); i++) {
            picked.add(from.get(i));
            combine(from, count, i + 1, picked, each);
            picked.remove(picked.size() - 1);
        }
    }

    /**
     * The numbers below the highest of {@code numbers} that are none of them: columns a shape numbered in full did not
     * have, so dropped (or generated) before it, and so before any later shape.
     */
    public static Set<Integer> goneBefore(Map<String, Integer> numbers) {
        int max = numbers.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<Integer> gone = new LinkedHashSet<>();
        for (int n = 1; n < max; n++) {
            if (!numbers.containsValue(n)) {
                gone.add(n);
            }
        }
        return gone;
    }

    /** The columns whose number is the same in both shapes and whose name is not: old name to new name. */
    public static Map<String, String> renames(Map<String, Integer> before, Map<String, Integer> after) {
        Map<Integer, String> afterByNumber = new HashMap<>();
        after.forEach((name, n) -> afterByNumber.put(n, name));
        Map<String, String> out = new LinkedHashMap<>();
        before.forEach((name, n) -> {
            String now = afterByNumber.get(n);
            if (now != null && !now.equals(name)) {
                out.put(name, now);
            }
        });
        return out;
    }

    /**
     * The names in both shapes that are not the same column: another number, and neither number carries another name in
     * the other shape (that would be a rename). A column dropped, and another added under its name.
     */
    public static Set<String> replaced(Map<String, Integer> before, Map<String, Integer> after) {
        Set<String> out = new LinkedHashSet<>();
        before.forEach((name, n) -> {
            Integer now = after.get(name);
            if (now != null && !now.equals(n) && !after.containsValue(n) && !before.containsValue(now)) {
                out.add(name);
            }
        });
        return out;
    }
}
