package org.modelcollapse.discrete;

import java.util.Arrays;

/**
 * K-way Bradley–Terry curation (Ferbach, Bertrand, Bose, Gidel, "Self-Consuming Generative Models with
 * Curated Data Provably Optimize Human Preferences", 2024, arXiv:2407.09499): each point of the next
 * generation's model share is made by drawing K candidates iid from the (decoded) model and keeping
 * candidate x_i with probability e^(r(x_i)) / sum_j e^(r(x_j)). With infinitely many points the update is
 * p'(x) = p(x) E[K e^(r(x)) / (e^(r(x)) + sum_(j=2..K) e^(r(x_j)))], x_j ~ p, and as K grows it tends to
 * p e^r / E_p[e^r] (so p_t ∝ p_0 e^(t r)). There is no exact sufficient statistic for a generation's counts
 * short of that expectation over K - 1 candidates, so curated draws are made point by point
 * ({@link BradleyTerrySelection}).
 *
 * @param candidates K &gt;= 2
 * @param rewards r(x), one finite value per state (copied)
 */
public record Curation(int candidates, double[] rewards) {
    /** Validates and copies. */
    public Curation {
        if (candidates < 2) {
            throw new IllegalArgumentException("curation needs at least 2 candidates: " + candidates);
        }
        rewards = rewards.clone();
        for (int j = 0; j < rewards.length; j++) {
            if (!Double.isFinite(rewards[j])) {
                throw new IllegalArgumentException("reward of state " + j + " must be finite: " + rewards[j]);
            }
        }
    }

    /** @return a copy of the rewards */
    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /** @return the reward of state j */
    public double reward(int j) {
        return rewards[j];
    }

    /** @return the number of states the rewards cover */
    public int states() {
        return rewards.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curation c && c.candidates == candidates && Arrays.equals(c.rewards, rewards);
    }

    @Override
    public int hashCode() {
        return 31 * candidates + Arrays.hashCode(rewards);
    }

    @Override
    public String toString() {
        return "Bradley-Terry, " + candidates + " candidates";
    }
}
