package org.modelcollapse.experiment;

import org.apache.commons.rng.UniformRandomProvider;

/** Creates the chain a worker thread reuses (through {@link Chain#reset}) for its replicates. */
@FunctionalInterface
public interface ChainFactory {
    /** @return a chain at generation 0 drawing from {@code rng} */
    Chain create(UniformRandomProvider rng);
}
