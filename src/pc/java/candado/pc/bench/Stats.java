package candado.pc.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Medians, percentiles and ratio spreads; formatting of the figures in the tables. */
final class Stats {

    private Stats() {
    }

    static double median(double[] v) {
        return percentile(v, 50);
    }

    /** Nearest-rank percentile of unsorted values (copied, not modified). */
    static double percentile(double[] v, double p) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    static double[] of(List<Double> l) {
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = l.get(i);
        }
        return d;
    }

    /** Per-trial ratios a[i]/b[i] (trials ran interleaved, so index i is one A/B pair). */
    static double[] ratios(double[] a, double[] b) {
        int n = Math.min(a.length, b.length);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /** "1.83× (1.61–1.95)": median ratio and its min–max over the trials. */
    static String ratio(double[] r) {
        if (r.length == 0 || Double.isNaN(median(r))) {
            return "n/a";
        }
        if (r.length == 1) {
            return fmt(r[0], 2) + "×";
        }
        return fmt(median(r), 2) + "× (" + fmt(min(r), 2) + "–" + fmt(max(r), 2) + ")";
    }

    /** "51,234 (49,000–52,100)": median value and min–max. */
    static String value(double[] v, int decimals) {
        if (v.length == 0) {
            return "n/a";
        }
        if (v.length == 1) {
            return fmt(v[0], decimals);
        }
        return fmt(median(v), decimals) + " (" + fmt(min(v), decimals) + "–" + fmt(max(v), decimals) + ")";
    }

    static String fmt(double d, int decimals) {
        if (Double.isNaN(d)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", d);
    }
}
