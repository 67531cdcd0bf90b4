package org.modelcollapse.cli;

/**
 * One metric of a run against generation, as drawn: a centre (the mean or the median over replicates)
 * with a band around it, read from the run's files by {@link RunFiles}. Values that are not finite are
 * kept; the plots decide what they can draw.
 *
 * @param generation the generations, increasing
 * @param centre the curve at each generation
 * @param low the band's lower edge at each generation
 * @param high the band's upper edge at each generation
 */
record Curve(double[] generation, double[] centre, double[] low, double[] high) {
    /** @return the number of points */
    int size() {
        return generation.length;
    }

    /** @return the centre at generation {@code g}, or NaN if the curve has no point there */
    double at(int g) {
        for (int i = 0; i < generation.length; i++) {
            if (generation[i] == g) {
                return centre[i];
            }
        }
        return Double.NaN;
    }

    /** @return this curve with every value divided by {@code c}; a negative c swaps the band's edges so low stays below high */
    Curve dividedBy(double c) {
        final double[] y = new double[size()];
        final double[] lo = new double[size()];
        final double[] hi = new double[size()];
        for (int i = 0; i < size(); i++) {
            y[i] = centre[i] / c;
            lo[i] = (c > 0 ? low[i] : high[i]) / c;
            hi[i] = (c > 0 ? high[i] : low[i]) / c;
        }
        return new Curve(generation, y, lo, hi);
    }

    /** @return a curve without a band: low and high equal the centre (a closed form, or a run drawn with --band none) */
    static Curve line(double[] generation, double[] centre) {
        return new Curve(generation, centre, centre, centre);
    }

    /** @return this curve's centre alone, without its band */
    Curve withoutBand() {
        return line(generation, centre);
    }
}
