package org.modelcollapse.gmm;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * k-means as scikit-learn's {@code KMeans(n_clusters=k, n_init=1)} runs it to initialise a mixture:
 * k-means++ seeding (D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding",
 * SODA 2007) with 2 + floor(ln k) candidates per centre, the one that lowers the potential most
 * kept; then Lloyd's iterations, at most 300, until the labels repeat or the centres' total squared
 * shift is at most 1e-4 times the mean of the coordinates' variances. A cluster left empty takes the
 * point farthest from its centre (farthest first, one per empty cluster), as scikit-learn relocates
 * them. Buffers grow with the data and are reused.
 */
final class KMeans {
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-4;

    private final int k;
    private final int d;
    private final int stride;
    private final double[] centers;
    private final double[] sums;
    private final int[] counts;
    private final double[] shift;
    private double[] closest = new double[0];
    private double[] cumulative = new double[0];
    private double[] distances = new double[0];
    private int[] previous = new int[0];
    private int[] farthest = new int[0];

    KMeans(int k, int d, int stride) {
        this.k = k;
        this.d = d;
        this.stride = stride;
        centers = new double[k * stride];
        sums = new double[k * stride];
        counts = new int[k];
        shift = new double[k];
    }

    /**
     * Picks k seeds by k-means++ among the n points, into {@code seeds}.
     *
     * @param x points, rows of {@code stride}; n &gt;= k
     */
    void seed(double[] x, int n, UniformRandomProvider rng, int[] seeds) {
        grow(n);
        final int trials = 2 + (int) Math.log(k);
        int first = rng.nextInt(n);
        seeds[0] = first;
        double potential = 0;
        for (int i = 0; i < n; i++) {
            closest[i] = squaredDistance(x, i * stride, x, first * stride);
            potential += closest[i];
        }
        for (int c = 1; c < k; c++) {
            double running = 0;
            for (int i = 0; i < n; i++) {
                running += closest[i];
                cumulative[i] = running;
            }
            int best = -1;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                final int candidate = Math.min(searchLeft(cumulative, n, rng.nextDouble() * potential), n - 1);
                double p = 0;
                for (int i = 0; i < n; i++) {
                    p += Math.min(closest[i], squaredDistance(x, i * stride, x, candidate * stride));
                }
                if (p < bestPotential) {
                    bestPotential = p;
                    best = candidate;
                }
            }
            for (int i = 0; i < n; i++) {
                closest[i] = Math.min(closest[i], squaredDistance(x, i * stride, x, best * stride));
            }
            potential = bestPotential;
            seeds[c] = best;
        }
    }

    /**
     * k-means++ seeding, then Lloyd's iterations; the final labels are those of the final centres.
     *
     * @param labels Modified: n values in [0, k)
     */
    void cluster(double[] x, int n, UniformRandomProvider rng, int[] seeds, int[] labels) {
        seed(x, n, rng, seeds);
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, seeds[c] * stride, centers, c * stride, d);
        }
        final double tolerance = TOLERANCE * meanVariance(x, n);
        java.util.Arrays.fill(previous, 0, n, -1);
        boolean strict = false;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            assign(x, n, labels);
            update(x, n, labels);
            boolean same = true;
            for (int i = 0; i < n && same; i++) {
                same = labels[i] == previous[i];
            }
            if (same) {
                strict = true;
                break;
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                total += shift[c] * shift[c];
            }
            if (total <= tolerance) {
                break;
            }
            System.arraycopy(labels, 0, previous, 0, n);
        }
        if (!strict) {
            assign(x, n, labels);
        }
    }

    /** Labels each point with its nearest centre (the first of equals). */
    private void assign(double[] x, int n, int[] labels) {
        for (int i = 0; i < n; i++) {
            int best = 0;
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                final double dist = squaredDistance(x, i * stride, centers, c * stride);
                if (dist < nearest) {
                    nearest = dist;
                    best = c;
                }
            }
            labels[i] = best;
            distances[i] = nearest;
        }
    }

    /** New centres as the means of their points, empty clusters relocated; records each centre's shift. */
    private void update(double[] x, int n, int[] labels) {
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            final int c = labels[i];
            counts[c]++;
            for (int r = 0; r < d; r++) {
                sums[c * stride + r] += x[i * stride + r];
            }
        }
        relocateEmpty(x, n, labels);
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int r = 0; r < d; r++) {
                final double v = counts[c] > 0 ? sums[c * stride + r] / counts[c] : centers[c * stride + r];
                final double delta = v - centers[c * stride + r];
                s += delta * delta;
                centers[c * stride + r] = v;
            }
            shift[c] = Math.sqrt(s);
        }
    }

    /** Each empty cluster takes one of the points farthest from their centres, the farthest first. */
    private void relocateEmpty(double[] x, int n, int[] labels) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            empty += counts[c] == 0 ? 1 : 0;
        }
        if (empty == 0) {
            return;
        }
        // The `empty` largest distances, by repeated selection: k is small.
        for (int e = 0; e < empty; e++) {
            int far = -1;
            for (int i = 0; i < n; i++) {
                boolean taken = false;
                for (int f = 0; f < e && !taken; f++) {
                    taken = farthest[f] == i;
                }
                if (!taken && (far < 0 || distances[i] > distances[far])) {
                    far = i;
                }
            }
            farthest[e] = far;
        }
        int e = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] != 0) {
                continue;
            }
            final int i = farthest[e++];
            final int from = labels[i];
            for (int r = 0; r < d; r++) {
                sums[from * stride + r] -= x[i * stride + r];
                sums[c * stride + r] = x[i * stride + r];
            }
            counts[from]--;
            counts[c] = 1;
        }
    }

    private double meanVariance(double[] x, int n) {
        double total = 0;
        for (int r = 0; r < d; r++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * stride + r];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                final double v = x[i * stride + r] - mean;
                ss += v * v;
            }
            total += ss / n;
        }
        return total / d;
    }

    private double squaredDistance(double[] a, int at, double[] b, int bt) {
        double s = 0;
        for (int r = 0; r < d; r++) {
            final double v = a[at + r] - b[bt + r];
            s += v * v;
        }
        return s;
    }

    /** @return the first index i with cumulative[i] &gt;= v (numpy's searchsorted, side left); n if none */
    private static int searchLeft(double[] cumulative, int n, double v) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void grow(int n) {
        if (closest.length < n) {
            closest = new double[n];
            cumulative = new double[n];
            distances = new double[n];
            previous = new int[n];
        }
        if (farthest.length < k) {
            farthest = new int[k];
        }
    }
}
