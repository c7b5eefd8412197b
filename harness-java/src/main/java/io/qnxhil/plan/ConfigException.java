package io.qnxhil.plan;

/**
 * A plan or board config that cannot be used: names the file, line and field, and what is wrong.
 * The CLI turns it into exit status 2 (bad usage), never into a test failure.
 */
public final class ConfigException extends RuntimeException {
    private final SourceLocation location;
    private final String field;

    public ConfigException(SourceLocation location, String field, String problem) {
        super(format(location, field, problem));
        this.location = location;
        this.field = field;
    }

    public ConfigException(SourceLocation location, String field, String problem, Throwable cause) {
        super(format(location, field, problem), cause);
        this.location = location;
        this.field = field;
    }

    private static String format(SourceLocation location, String field, String problem) {
        String where = location == null ? "<unknown>" : location.toString();
        return field == null || field.isEmpty()
                ? where + ": " + problem
                : where + ": field '" + field + "': " + problem;
    }

    public SourceLocation location() {
        return location;
    }

    public String field() {
        return field;
    }
}
