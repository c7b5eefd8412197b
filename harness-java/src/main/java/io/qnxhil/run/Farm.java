package io.qnxhil.run;

import java.nio.file.Path;
import java.util.List;

/**
 * A board farm: the boards one controller drives in parallel, from {@code farms/<name>.yaml}.
 *
 * @param parallel how many boards run at once (0: all of them)
 */
public record Farm(String name, Path file, List<BoardRef> boards, int parallel) {
    public Farm {
        boards = List.copyOf(boards);
    }
}
