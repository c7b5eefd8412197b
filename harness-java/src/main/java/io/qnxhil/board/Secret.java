package io.qnxhil.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A password or passphrase, held only as a reference: an environment variable or a file. The value
 * is read when it is needed and never kept in a config, a log or a report; {@link #toString()}
 * names the reference, not the value.
 */
public sealed interface Secret permits Secret.FromEnv, Secret.FromFile {

    /** The value; a trailing newline of a file is dropped. */
    String reveal(Map<String, String> environment);

    default String reveal() {
        return reveal(System.getenv());
    }

    /** {@code {env: NAME}} */
    record FromEnv(String variable) implements Secret {
        @Override
        public String reveal(Map<String, String> environment) {
            String v = environment.get(variable);
            if (v == null) {
                throw new SecretUnavailableException("environment variable " + variable + " is not set");
            }
            return v;
        }

        @Override
        public String toString() {
            return "env " + variable;
        }
    }

    /** {@code {file: PATH}} */
    record FromFile(Path path) implements Secret {
        @Override
        public String reveal(Map<String, String> environment) {
            try {
                String v = Files.readString(path, StandardCharsets.UTF_8);
                return v.endsWith("\r\n") ? v.substring(0, v.length() - 2)
                        : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
            } catch (IOException e) {
                throw new SecretUnavailableException("cannot read secret file " + path + ": "
                        + e.getClass().getSimpleName());
            }
        }

        @Override
        public String toString() {
            return "file " + path;
        }
    }

    /** The referenced variable or file is missing. The message never contains a secret. */
    final class SecretUnavailableException extends RuntimeException {
        public SecretUnavailableException(String message) {
            super(message);
        }
    }
}
