package io.qnxhil.plan;

import java.nio.file.Path;

/** A place in a YAML file, printed as {@code file:line:column} (1-based) so editors can jump to it. */
public record SourceLocation(Path file, int line, int column) {

    public static SourceLocation of(Path file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        String f = file == null ? "<unknown>" : file.toString();
        if (line <= 0) {
            return f;
        }
        return column > 0 ? f + ":" + line + ":" + column : f + ":" + line;
    }
}
