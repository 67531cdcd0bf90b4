package org.modelcollapse.cli;

/**
 * A Gaussian-mixture original from {@code --original-weights}, {@code --original-means} and
 * {@code --original-covariances} (gmm, kde): comma-separated lists, component after component; one
 * component N(0, I_d) by default.
 *
 * @param dim d, from the means if given, else --dim, else the family's default
 * @param weights k_0 weights
 * @param means k_0 x d values
 * @param covariances k_0 x d x d values, row-major per component
 */
record MixtureLists(int dim, double[] weights, double[] means, double[] covariances) {
    /** @return the lists parsed and their lengths checked (the values themselves are the spec's to check) */
    static MixtureLists parse(String weights, String means, String covariances, Integer dim, int defaultDim) {
        final double[] w = weights == null ? new double[] {1} : NumberListFile.parse("--original-weights", weights);
        final int k0 = w.length;
        final double[] mu = means == null ? null : NumberListFile.parse("--original-means", means);
        if (mu != null && mu.length % k0 != 0) {
            throw new BadInputException("--original-means", means, "must hold d values for each of the " + k0 + " components, "
                    + mu.length + " is not a multiple of " + k0);
        }
        final int d = mu != null ? mu.length / k0 : dim != null ? dim : defaultDim;
        if (mu != null && dim != null && dim != d) {
            throw new BadInputException("--dim", dim, "contradicts --original-means, which holds " + d + " values per component");
        }
        final double[] sigma;
        if (covariances != null) {
            sigma = NumberListFile.parse("--original-covariances", covariances);
            if (sigma.length != k0 * d * d) {
                throw new BadInputException("--original-covariances", covariances, "must hold " + k0 + " x " + d + " x " + d + " = "
                        + k0 * d * d + " values, not " + sigma.length);
            }
        } else {
            sigma = new double[k0 * d * d];
            for (int j = 0; j < k0; j++) {
                for (int c = 0; c < d; c++) {
                    sigma[j * d * d + c * d + c] = 1;
                }
            }
        }
        return new MixtureLists(d, w, mu != null ? mu : new double[k0 * d], sigma);
    }

    /**
     * Writes the original into a run's manifest parameters: the user's points (--data, its training count), or the mixture's
     * weights, means and covariances.
     */
    static void describeOriginal(org.modelcollapse.process.UserPoints data, java.nio.file.Path dataFile, double[] weights, double[] means,
                                 double[] covariances, java.util.Map<String, Object> params) {
        if (data != null) {
            params.put("data", dataFile.toString());
            params.put("data_training_points", data.trainingCount());
        } else {
            params.put("original_weights", weights);
            params.put("original_means", means);
            params.put("original_covariances", covariances);
        }
    }

    /** @return a spec's refusal of the lists' values as bad input, naming the option its message is about */
    static BadInputException refused(IllegalArgumentException e) {
        final String source = e.getMessage().startsWith("original weight") ? "--original-weights"
                : e.getMessage().startsWith("original covariance") ? "--original-covariances" : "--original-means";
        return new BadInputException(source + ": " + e.getMessage());
    }
}
