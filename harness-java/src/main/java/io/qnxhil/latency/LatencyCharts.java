package io.qnxhil.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three plots of a measurement, as PNG: the latency histogram on a log count scale (OSADL
 * style), the percentile distribution (HdrHistogram style: x is 1/(1-q), so p90, p99, p99.9 are
 * evenly spaced), and the maximum per window of K samples over the run. Rendered headless.
 */
public final class LatencyCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 400;
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private LatencyCharts() {
    }

    /** A named series of one chart: a measurement under a label ("idle", "CPU load"). */
    public record Series(String label, LatencyResult result) {
    }

    public static byte[] histogram(String title, List<Series> series) {
        XYChart c = chart(title, "latency (us)", "samples (log scale)");
        c.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        for (Series s : series) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            double width = s.result().bucketNs() / 1000.0;
            for (Map.Entry<Integer, Long> e : s.result().linear().entrySet()) {
                xs.add((e.getKey() + 0.5) * width);
                ys.add((double) e.getValue());
            }
            if (xs.isEmpty()) {
                continue;
            }
            String label = label(s, i) + (s.result().overflow() > 0
                    ? " (+" + s.result().overflow() + " beyond the histogram)" : "");
            style(c.addSeries(label, xs, ys), i++, SeriesMarkers.CIRCLE);
        }
        return png(c);
    }

    public static byte[] percentiles(String title, List<Series> series) {
        XYChart c = chart(title, "percentile, as 1/(1-q): 10 = p90, 100 = p99, 1000 = p99.9, 10000 = p99.99",
                "latency (us)");
        c.getStyler().setXAxisLogarithmic(true);
        int i = 0;
        for (Series s : series) {
            Histogram h = s.result().histogram();
            if (h.getTotalCount() == 0) {
                continue;
            }
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            long max = s.result().maxNs();
            for (HistogramIterationValue v : h.percentiles(5)) {
                double q = v.getPercentileLevelIteratedTo() / 100.0;
                if (q >= 1.0) {
                    break;
                }
                xs.add(1.0 / (1.0 - q));
                ys.add(Math.min(v.getValueIteratedTo(), max) / 1000.0);
            }
            xs.add(xs.isEmpty() ? 1.0 : Math.max(xs.get(xs.size() - 1) * 2, 2.0));
            ys.add(max / 1000.0);   // the measured maximum closes the curve
            style(c.addSeries(label(s, i), xs, ys), i++, SeriesMarkers.NONE);
        }
        return png(c);
    }

    public static byte[] windows(String title, List<Series> series) {
        long lo = Long.MAX_VALUE, hi = 1;
        for (Series s : series) {
            for (long v : s.result().windowMax()) {
                lo = Math.min(lo, Math.max(v, 1));
                hi = Math.max(hi, v);
            }
        }
        boolean log = lo != Long.MAX_VALUE && hi / lo > 30;   // a log axis only for a wide range
        XYChart c = chart(title, "sample index", "max latency in window (us" + (log ? ", log scale)" : ")"));
        c.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            c.getStyler().setYAxisMin(0.0);
        }
        int i = 0;
        for (Series s : series) {
            long[] w = s.result().windowMax();
            if (w.length == 0) {
                continue;
            }
            double[] xs = new double[w.length], ys = new double[w.length];
            for (int k = 0; k < w.length; k++) {
                xs[k] = (double) k * s.result().window();
                ys[k] = Math.max(w[k], 1) / 1000.0;
            }
            style(c.addSeries(label(s, i), xs, ys), i++, w.length > 200 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return png(c);
    }

    private static String label(Series s, int i) {
        return s.label().isEmpty() ? "series " + (i + 1) : s.label();
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        var st = c.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNE);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridLinesColor(new Color(0xdddddd));
        st.setAntiAlias(true);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return c;
    }

    private static void style(XYSeries s, int i, org.knowm.xchart.style.markers.Marker marker) {
        s.setLineColor(COLORS[i % COLORS.length]);
        s.setMarkerColor(COLORS[i % COLORS.length]);
        s.setMarker(marker);
    }

    private static byte[] png(XYChart c) {
        if (c.getSeriesMap().isEmpty()) {
            c.addSeries("no samples", new double[] {1}, new double[] {1});
        }
        try {
            return BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + c.getTitle() + ": " + e.getMessage(), e);
        }
    }
}
