package io.qnxhil.plan;

/** The QNX documentation sentence a scenario or an expectation checks: page file name and the sentence. */
public record DocRef(String page, String sentence) {
    @Override
    public String toString() {
        return page + " — \"" + sentence + "\"";
    }
}
