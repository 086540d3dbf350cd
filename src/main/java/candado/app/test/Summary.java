package candado.app.test;

/** Min, max, mean and nearest-rank percentiles of a series of durations (nanoseconds). */
public final class Summary {

    public final int count;
    public final long min;
    public final long max;
    public final long avg;
    public final long p50;
    public final long p99;

    private Summary(int count, long min, long max, long avg, long p50, long p99) {
        this.count = count;
        this.min = min;
        this.max = max;
        this.avg = avg;
        this.p50 = p50;
        this.p99 = p99;
    }

    /** Summary of the first {@code n} values; all zero when {@code n} is 0. */
    public static Summary of(long[] values, int n) {
        if (n == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = new long[n];
        System.arraycopy(values, 0, sorted, 0, n);
        sort(sorted);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[i];
        }
        return new Summary(n, sorted[0], sorted[n - 1], sum / n, percentile(sorted, 50), percentile(sorted, 99));
    }

    /** Nearest-rank percentile of a sorted array: the smallest value with at least p% at or below it. */
    static long percentile(long[] sorted, int p) {
        int rank = (p * sorted.length + 99) / 100;
        return sorted[rank < 1 ? 0 : rank - 1];
    }

    /** Shell sort: no recursion, no extra memory, and java.util.Arrays is not assumed on the board. */
    static void sort(long[] a) {
        int gap = 1;
        while (gap < a.length / 3) {
            gap = 3 * gap + 1;
        }
        for (; gap >= 1; gap /= 3) {
            for (int i = gap; i < a.length; i++) {
                long v = a[i];
                int j = i;
                while (j >= gap && a[j - gap] > v) {
                    a[j] = a[j - gap];
                    j -= gap;
                }
                a[j] = v;
            }
        }
    }
}
