package org.modelcollapse.gaussian;

import org.modelcollapse.process.DataSummary;

/** A Gaussian chain's data set: a {@link Block} of sufficient statistics, or the {@link Points} themselves. */
abstract sealed class GaussianData implements DataSummary permits Block, Points {
    /** Points in the set. */
    long count;

    /** @return true if the set holds two different points */
    abstract boolean hasSpread();
}
