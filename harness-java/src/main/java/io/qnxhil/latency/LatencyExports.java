package io.qnxhil.latency;

import java.util.List;
import java.util.Locale;

/** CSV and OpenMetrics text of a run's latency measurements. */
public final class LatencyExports {
    private LatencyExports() {
    }

    /** One measured item of a report: its journal fields and, when measured, its result. */
    public record Item(String board, String boardOs, String id, String describe, String kind, boolean registered,
                       String load, String pinning, String verdict, String reason, String judgement, String twin,
                       LatencyResult result) {
        public boolean measured() {
            return result != null && result.status() == LatencyResult.Status.OK;
        }
    }

    public static String csv(List<Item> items) {
        StringBuilder sb = new StringBuilder("board,board_os,id,kind,registered,load,pinning,verdict,judgement,count,"
                + "min_ns,mean_ns,p50_ns,p90_ns,p99_ns,p99_9_ns,p99_99_ns,max_ns,overflow,clock_source,clock_overhead_ns,reason\n");
        for (Item it : items) {
            sb.append(String.join(",", q(it.board()), q(it.boardOs()), q(it.id()), it.kind(), Boolean.toString(it.registered()),
                    it.load(), q(it.pinning()), it.verdict(), it.judgement()));
            if (it.measured()) {
                LatencyResult r = it.result();
                LatencyResult.Percentiles p = r.percentiles();
                sb.append(',').append(r.count()).append(',').append(r.minNs()).append(',').append(r.meanNs())
                        .append(',').append(p.p50()).append(',').append(p.p90()).append(',').append(p.p99())
                        .append(',').append(p.p999()).append(',').append(p.p9999()).append(',').append(p.max())
                        .append(',').append(r.overflow()).append(',').append(r.clockSource())
                        .append(',').append(String.format(Locale.ROOT, "%.1f", r.clockOverheadNs()));
            } else {
                sb.append(",,,,,,,,,,,,");
            }
            sb.append(',').append(q(it.reason())).append('\n');
        }
        return sb.toString();
    }

    private static String q(String s) {
        String v = s == null ? "" : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    /** OpenMetrics text exposition (a summary per measurement, the maximum and the clock overhead). */
    public static String openMetrics(List<Item> items) {
        StringBuilder sb = new StringBuilder();
        sb.append("# TYPE qnxhil_event_latency_seconds summary\n");
        sb.append("# UNIT qnxhil_event_latency_seconds seconds\n");
        sb.append("# HELP qnxhil_event_latency_seconds Time from MsgDeliverEvent() in the server to the client's wake-up"
                + " (sendrecv: MsgSend round trip). os=qnxsim is the simulated board, not QNX.\n");
        for (Item it : items) {
            if (!it.measured()) {
                continue;
            }
            LatencyResult.Percentiles p = it.result().percentiles();
            String l = labels(it);
            quantile(sb, l, "0.5", p.p50());
            quantile(sb, l, "0.9", p.p90());
            quantile(sb, l, "0.99", p.p99());
            quantile(sb, l, "0.999", p.p999());
            quantile(sb, l, "0.9999", p.p9999());
            sb.append("qnxhil_event_latency_seconds_count{").append(l).append("} ").append(it.result().count()).append('\n');
            sb.append("qnxhil_event_latency_seconds_sum{").append(l).append("} ")
                    .append(seconds(it.result().meanNs() * it.result().count())).append('\n');
        }
        gauge(sb, items, "qnxhil_event_latency_max_seconds", "The largest sample of the measurement.",
                it -> it.result().maxNs());
        gauge(sb, items, "qnxhil_clock_read_overhead_seconds", "One clock read (ClockCycles) measured back to back, mean.",
                it -> Math.round(it.result().clockOverheadNs()));
        sb.append("# EOF\n");
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, List<Item> items, String name, String help,
                              java.util.function.ToLongFunction<Item> ns) {
        sb.append("# TYPE ").append(name).append(" gauge\n");
        sb.append("# UNIT ").append(name).append(" seconds\n");
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        for (Item it : items) {
            if (it.measured()) {
                sb.append(name).append('{').append(labels(it)).append("} ").append(seconds(ns.applyAsLong(it))).append('\n');
            }
        }
    }

    private static void quantile(StringBuilder sb, String labels, String q, long ns) {
        sb.append("qnxhil_event_latency_seconds{").append(labels).append(",quantile=\"").append(q).append("\"} ")
                .append(seconds(ns)).append('\n');
    }

    private static String labels(Item it) {
        return "board=\"" + esc(it.board()) + "\",os=\"" + esc(it.boardOs()) + "\",id=\"" + esc(it.id())
                + "\",kind=\"" + it.kind() + "\",registered=\"" + it.registered() + "\",load=\"" + it.load() + "\"";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.9e", ns / 1e9);
    }
}
