package io.qnxhil.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a program that shows a disagreement to a 1-minimal one: no single step can be removed,
 * and no single event dropped from a {@code send_events} list, without the disagreement going away.
 * Candidates the plan loader rejects (a removed step bound a {@code $ref} a later one uses) are skipped.
 */
final class Shrinker {
    /** Arguments that name what the step is about, or bind what later steps use: never dropped. */
    private static final Set<String> KEEP = Set.of("as", "type", "event", "rcvid", "async", "timeout_ms");
    private static final Pattern EVENT_LIST = Pattern.compile("events: \\[([^\\]]*)\\]");

    private final Predicate<Program> stillFails;
    private final int maxRuns;
    private int runs;

    /** @param stillFails runs a candidate on the board: true when the disagreement is still there */
    Shrinker(Predicate<Program> stillFails, int maxRuns) {
        this.stillFails = stillFails;
        this.maxRuns = maxRuns;
    }

    Program shrink(Program p) {
        boolean progress = true;
        while (progress && runs < maxRuns) {
            progress = false;
            for (int i = p.steps().size() - 1; i >= 0 && runs < maxRuns; i--) {
                if (i >= p.steps().size()) {
                    continue;
                }
                Program candidate = p.without(i);
                if (try_(candidate)) {
                    p = candidate;
                    progress = true;
                }
            }
            Program fewerArgs = dropArguments(p);
            if (fewerArgs != p) {
                p = fewerArgs;
                progress = true;
            }
            for (int i = 0; i < p.steps().size() && runs < maxRuns; i++) {
                Matcher m = EVENT_LIST.matcher(p.steps().get(i));
                if (!m.find()) {
                    continue;
                }
                String[] names = m.group(1).split(",\\s*");
                for (int drop = 0; names.length > 1 && drop < names.length; drop++) {
                    StringBuilder kept = new StringBuilder();
                    for (int j = 0; j < names.length; j++) {
                        if (j != drop) {
                            kept.append(kept.isEmpty() ? "" : ", ").append(names[j]);
                        }
                    }
                    Program candidate = p.with(i, m.replaceFirst("events: [" + kept + "]"));
                    if (try_(candidate)) {
                        p = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return p;
    }

    /** Tries dropping each optional argument of each step ({@code value: 5}, {@code chid: $pchid}...). */
    private Program dropArguments(Program p) {
        for (int i = 0; i < p.steps().size() && runs < maxRuns; i++) {
            String step = p.steps().get(i);
            int open = step.indexOf('{');
            if (open < 0 || !step.endsWith("}")) {
                continue;
            }
            List<String> args = splitTopLevel(step.substring(open + 1, step.length() - 1));
            for (int drop = 0; drop < args.size(); drop++) {
                String key = args.get(drop).split(":", 2)[0].trim();
                if (KEEP.contains(key)) {
                    continue;
                }
                List<String> kept = new ArrayList<>(args);
                kept.remove(drop);
                Program candidate = p.with(i, step.substring(0, open + 1) + String.join(", ", kept) + "}");
                if (try_(candidate)) {
                    return candidate;
                }
            }
        }
        return p;
    }

    /** Splits "a: 1, b: [x, y], c: {k: v}" at the commas outside brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        if (!s.substring(start).isBlank()) {
            out.add(s.substring(start).trim());
        }
        return out;
    }

    private boolean try_(Program candidate) {
        if (!candidate.answersEveryMessage() || candidate.toScenario("shrink").isEmpty()) {
            return false;
        }
        runs++;
        return stillFails.test(candidate);
    }

    int runs() {
        return runs;
    }
}
