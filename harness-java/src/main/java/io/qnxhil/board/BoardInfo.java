package io.qnxhil.board;

/**
 * The board's identity as its agent reports it ({@code info} record). Every report names {@link #os()}:
 * results from the simulated board ("qnxsim") are never presented as QNX results.
 */
public record BoardInfo(String os, String release, String profile, String arch, String hostname,
                        String agentVersion, String buildHash, long clockHz, boolean unregisteredEventsAllowed) {

    public boolean simulated() {
        return !"QNX".equals(os);
    }
}
