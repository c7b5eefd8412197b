package io.qnxhil.run;

import java.nio.file.Path;

/**
 * A board of a run: its config file, and the name it runs under when a farm gives one config
 * several names ({@code null}: the config's own name). Written {@code path} or {@code path#name}
 * in the engine's {@code qnxhil.boards} parameter and in the journal.
 */
public record BoardRef(Path config, String name) {

    public static BoardRef parse(String text, java.util.function.Function<String, Path> resolve) {
        int hash = text.lastIndexOf('#');
        if (hash > 0 && hash < text.length() - 1) {
            return new BoardRef(resolve.apply(text.substring(0, hash).trim()), text.substring(hash + 1).trim());
        }
        return new BoardRef(resolve.apply(text.trim()), null);
    }

    @Override
    public String toString() {
        return name == null ? config.toString() : config + "#" + name;
    }
}
