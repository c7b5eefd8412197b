package io.qnxhil.run;

import io.qnxhil.plan.YamlFile;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a farm file (format: farms/sim-farm.yaml). Board config paths are relative to the farm
 * file. {@code count: N} expands one entry into N boards named {@code <name>-01 .. <name>-N}.
 * Every problem is a {@link io.qnxhil.plan.ConfigException} naming file:line:column and field.
 */
public final class FarmLoader {
    private static final Set<String> KEYS = Set.of("farm", "title", "parallel", "boards");
    private static final Set<String> BOARD_KEYS = Set.of("config", "name", "count");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_BOARDS = 256;

    private FarmLoader() {
    }

    public static Farm load(Path file) {
        YamlFile yaml = YamlFile.read(file);
        Map<String, Node> f = yaml.fields(yaml.root(), "", KEYS, Set.of("farm", "boards"));
        String name = yaml.string(f.get("farm"), "farm");
        int parallel = 0;
        if (f.containsKey("parallel")) {
            long p = yaml.integer(f.get("parallel"), "parallel");
            if (p < 1 || p > MAX_BOARDS) {
                throw yaml.error(f.get("parallel"), "parallel", "must be 1.." + MAX_BOARDS + ", found " + p);
            }
            parallel = (int) p;
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        List<Node> entries = yaml.sequence(f.get("boards"), "boards");
        if (entries.isEmpty()) {
            throw yaml.error(f.get("boards"), "boards", "a farm needs at least one board");
        }
        List<BoardRef> boards = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String field = "boards[" + i + "]";
            Map<String, Node> b = yaml.fields(entries.get(i), field, BOARD_KEYS, Set.of("config"));
            Path config = dir.resolve(yaml.string(b.get("config"), field + ".config")).normalize();
            if (!Files.isRegularFile(config)) {
                throw yaml.error(b.get("config"), field + ".config", "board config not found: " + config);
            }
            String base = b.containsKey("name") ? yaml.string(b.get("name"), field + ".name") : null;
            if (base != null && !NAME.matcher(base).matches()) {
                throw yaml.error(b.get("name"), field + ".name", "board name '" + base + "' must be 1..64 of [A-Za-z0-9_.-]");
            }
            long count = b.containsKey("count") ? yaml.integer(b.get("count"), field + ".count") : 1;
            if (count < 1 || count > MAX_BOARDS) {
                throw yaml.error(b.get("count"), field + ".count", "must be 1.." + MAX_BOARDS + ", found " + count);
            }
            if (count > 1 && base == null) {
                throw yaml.error(entries.get(i), field, "'count' needs a 'name' to number the boards by");
            }
            for (int n = 1; n <= count; n++) {
                String boardName = count == 1 ? base : String.format("%s-%02d", base, n);
                String key = boardName == null ? "config:" + config : boardName;
                String where = yaml.at(entries.get(i)).toString();
                String first = seen.putIfAbsent(key, where);
                if (first != null) {
                    throw yaml.error(entries.get(i), field, "board " + (boardName == null ? config : boardName)
                            + " is listed twice (first at " + first + "); give each board its own 'name'");
                }
                boards.add(new BoardRef(config, boardName));
            }
        }
        if (boards.size() > MAX_BOARDS) {
            throw yaml.error(f.get("boards"), "boards", "at most " + MAX_BOARDS + " boards, found " + boards.size());
        }
        return new Farm(name, file, boards, parallel);
    }
}
