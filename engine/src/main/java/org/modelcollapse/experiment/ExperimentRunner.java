package org.modelcollapse.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.modelcollapse.random.ReplicateStreams;

/**
 * Runs R replicates of a chain on T threads and aggregates them.
 *
 * <p>Determinism: replicates are grouped in fixed blocks ({@link ExperimentSettings#blockSize()}, a function of R alone);
 * a block's streams are the next splits of the root (handed out in block order), its replicates
 * run in order on one thread, and finished blocks are merged strictly in block order. Output is
 * therefore bit-identical for any thread count and scheduling.
 *
 * <p>Ramp-up: in the first run of a chain factory's class in this JVM, the first worker starts
 * alone and the others {@link #RAMP_NANOS} later (at once if every block has been claimed by then).
 * The first blocks run the code the JIT compiler is still compiling; started together, every worker
 * would run it interpreted or half-compiled, which in a run of a fraction of a second is a visible
 * share of the workers' time, and would take cores from the compiler. Started later, the others run
 * compiled code from their first step. Later runs of the same factory class find the code compiled
 * and start every worker at once. Scheduling changes no result (see above).
 *
 * <p>Memory: O(G x metrics) per pending block and for the totals, plus at most 2^25 kept values for
 * the quantiles ({@link ReplicateQuantiles}); never O(R x G) ({@link #estimate}). An absorbed replicate is not stepped further:
 * its constant metrics join every later generation through a sweep over absorption events at the end.
 *
 * <p>Cancellation: interrupting the thread that called {@link #run} stops the workers (each checks
 * between replicates and every {@value #CANCEL_CHECK_GENERATIONS} generations) and ends the call with a
 * {@link CancellationException}, the thread's interrupt status set again.
 */
public final class ExperimentRunner {
    /** Values over which the band's quantiles are computed at most (R x generations x metrics): a tenth of a second or so. */
    static final long QUANTILE_VALUES_MAX = 1L << 23;
    /** Quantile levels of the checkpoint table. */
    public static final double[] QUANTILE_LEVELS = {0.05, 0.5, 0.95};
    /**
     * How long the first worker runs alone: of the order of the time the C2 compiler takes to
     * compile a chain's step and what it calls, on a two-core machine where the first worker has
     * one core and the compiler threads the other. Measured again (results/step-ab/jit-ramp.md, two
     * threads, 4 rounds: A1 +4.2%, B1 -0.8%, B2 -4.3% wall with it, every range overlapping): neutral on
     * those workloads; kept for the short paper-scale runs of THROUGHPUT.md it was tuned on.
     */
    static final long RAMP_NANOS = 150_000_000L;
    /** Generations between a worker's checks for cancellation within a replicate (a power of two). */
    static final int CANCEL_CHECK_GENERATIONS = 1024;
    /** Classes of the chain factories that have had a ramp-up in this JVM. */
    private static final Set<Class<?>> RAMPED = ConcurrentHashMap.newKeySet();

    private final ChainFactory factory;
    private final ExperimentSettings settings;
    private final ProgressListener progress;
    /** Told of every generation, or null. */
    private final ReplicateObserver observer;
    /** The generations at which every replicate's metrics are kept, for quantiles. */
    private final int[] kept;
    private final ReplicateQuantiles quantileStore;
    private final int metrics;
    private final List<String> metricNames;

    /** Guards block hand-out (and the streams, which are split in block order). */
    private final Object lock = new Object();
    /** Guards the in-order merge of finished blocks; separate so that merging never delays a claim. */
    private final Object mergeLock = new Object();
    private final ReplicateStreams streams;
    private final int blockSize;
    private final int blocks;
    private int nextBlock;
    /** Released when the last block has been claimed (or a replicate failed): no worker is then needed. */
    private final CountDownLatch everyBlockClaimed = new CountDownLatch(1);
    private int nextMerge;
    private int replicatesDone;
    private final Map<Integer, Block> pending = new HashMap<>();
    /** Sums of merged blocks, to be reused; guarded by {@link #mergeLock}. */
    private final ArrayDeque<BlockMoments> spareMoments = new ArrayDeque<>();
    private final GenerationStatistics totals;
    private final ReplicateOutcome[] outcomes;
    private long steps;
    private long cpuNanos;
    private Throwable failure;
    /** The first worker's chain, made by {@link #run} to learn the metric names; taken by the first worker. */
    private Chain firstChain;
    private volatile boolean cancelled;

    private ExperimentRunner(ChainFactory factory, Chain first, ExperimentSettings settings, ProgressListener progress,
            ReplicateObserver observer) {
        this.factory = factory;
        this.settings = settings;
        this.progress = progress;
        this.observer = observer;
        this.firstChain = first;
        this.metricNames = List.copyOf(first.metricNames());
        this.metrics = metricNames.size();
        this.quantileStore = ReplicateQuantiles.of(settings.replicates(), metrics, settings.generations(), settings.untilAbsorbed());
        this.kept = quantileStore.generations();
        this.streams = ReplicateStreams.of(settings.seed());
        this.blockSize = settings.blockSize();
        this.blocks = (settings.replicates() + blockSize - 1) / blockSize;
        this.totals = new GenerationStatistics(metrics);
        this.outcomes = new ReplicateOutcome[settings.replicates()];
    }

    /**
     * Runs the experiment; the metric names come from the chains themselves.
     *
     * @param factory creates each worker's chain (the first one on the calling thread)
     * @param settings replicates, generations, threads, seed
     * @param progress told after every block
     * @return the aggregated result
     * @throws CancellationException if the calling thread is interrupted (the workers are stopped first)
     * @throws IllegalStateException if a replicate failed (with the failure as its cause)
     */
    public static ExperimentResult run(ChainFactory factory, ExperimentSettings settings, ProgressListener progress) {
        return run(factory, settings, progress, null);
    }

    /**
     * As {@link #run(ChainFactory, ExperimentSettings, ProgressListener)}, telling {@code observer} of every
     * generation of every replicate.
     *
     * @param observer told on the workers' threads, or null
     */
    public static ExperimentResult run(ChainFactory factory, ExperimentSettings settings, ProgressListener progress,
            ReplicateObserver observer) {
        // Made with a stream of its own; the first worker resets it to replicate 0's stream before use.
        final Chain first = factory.create(RandomSource.L64_X128_MIX.create(settings.seed()));
        return new ExperimentRunner(factory, first, settings, progress, observer).run();
    }

    /**
     * Adds what {@link #run} holds for the given settings: per replicate its outcome and checkpoint
     * values, per generation the moments of every metric (the totals, and a block's sums per worker).
     *
     * @param metrics the chain's metric count
     * @param expectedGenerations the longest replicate expected (the cap, or an estimate when until absorbed)
     * @param estimate Modified: receives the terms
     */
    public static void estimate(ExperimentSettings settings, int metrics, long expectedGenerations, MemoryEstimate estimate) {
        final double r = settings.replicates();
        estimate.array("replicates", "the replicates' outcomes", r, 64 + 8 * metrics, 1);
        ReplicateQuantiles.estimate(settings.replicates(), metrics, settings.generations(), settings.untilAbsorbed(), estimate);
        final double g = expectedGenerations + 1;
        final int workers = Math.max(1, Math.min(settings.threads(), (int) Math.ceil(r / settings.blockSize())));
        // A block's sums (five arrays per metric) per worker and per block waiting to be merged; the
        // totals (four), which grow by doubling.
        estimate.array("generations", "the per-generation sums", g * metrics, 8, 5.0 * 2 * workers + 4 * 2);
    }

    private ExperimentResult run() {
        final long start = System.nanoTime();
        final int threads = Math.min(settings.threads(), blocks);
        final List<Thread> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                if (t == 1 && RAMPED.add(factory.getClass())) {
                    everyBlockClaimed.await(RAMP_NANOS, TimeUnit.NANOSECONDS);
                }
                if (cancelled()) {
                    break;
                }
                final Thread w = new Thread(this::work, "collapse-worker-" + t);
                w.setDaemon(true);
                workers.add(w);
                w.start();
            }
            for (Thread w : workers) {
                w.join();
            }
        } catch (InterruptedException e) {
            cancelled = true;
        }
        if (cancelled) {
            for (Thread w : workers) {
                joinUninterruptibly(w);
            }
            Thread.currentThread().interrupt();
            throw new CancellationException("experiment cancelled: the calling thread was interrupted; the workers have stopped");
        }
        if (failure != null) {
            throw new IllegalStateException("a replicate failed: " + failure, failure);
        }
        final int last = lastGeneration();
        addAbsorbedTails(last);
        final int[] slots = reportedSlots(last);
        final int[] band = new int[slots.length];
        for (int i = 0; i < slots.length; i++) {
            band[i] = Math.min(kept[slots[i]], last);
        }
        final double[][][] bandQuantiles = quantileStore.quantiles(slots, QUANTILE_LEVELS);
        // The checkpoint table: the band at the checkpoint generations (and the last).
        final java.util.Set<Integer> checkpointSet = new java.util.HashSet<>();
        for (int g : Checkpoints.upTo(last)) {
            checkpointSet.add(g);
        }
        final int[] cpIndex = IntStream.range(0, band.length).filter(i -> checkpointSet.contains(band[i])).toArray();
        final int[] checkpoints = Arrays.stream(cpIndex).map(i -> band[i]).toArray();
        final double[][][] checkpointQuantiles = Arrays.stream(cpIndex).mapToObj(i -> bandQuantiles[i]).toArray(double[][][]::new);
        return new ExperimentResult(metricNames, totals, last, checkpoints, QUANTILE_LEVELS.clone(), checkpointQuantiles, band, bandQuantiles,
                List.of(outcomes), steps, cpuNanos, System.nanoTime() - start, threads);
    }

    /** @return true if the calling thread has been interrupted (the run is then cancelled) */
    private boolean cancelled() {
        if (Thread.interrupted()) {
            cancelled = true;
        }
        return cancelled;
    }

    private static void joinUninterruptibly(Thread w) {
        boolean interrupted = false;
        while (true) {
            try {
                w.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A block of consecutive replicates, run by one worker and merged in order. Its replicates'
     * outcomes and checkpoint values go straight into the run's arrays (each replicate owns its
     * slots; the workers' joins publish them); only the sums wait for the in-order merge.
     */
    private record Block(int index, int first, int count, BlockMoments live, double[] kept) {}

    /**
     * Sums for a new block: a merged block's, cleared, when one is spare (a run then allocates
     * O(threads) of them instead of one per block, and its memory stays warm), else new ones.
     */
    private BlockMoments freshMoments(int expectedGenerations) {
        final BlockMoments spare;
        synchronized (mergeLock) {
            spare = spareMoments.poll();
        }
        if (spare == null) {
            return new BlockMoments(metrics, expectedGenerations);
        }
        spare.clear();
        return spare;
    }

    private void work() {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final long cpuStart = mx.getCurrentThreadCpuTime();
        long mySteps = 0;
        Chain chain;
        synchronized (lock) {
            chain = firstChain;
            firstChain = null;
        }
        int expectedGenerations = 0;
        double[] keptBuffer = null;
        try {
            while (true) {
                final int b;
                final UniformRandomProvider[] rngs;
                synchronized (lock) {
                    if (nextBlock >= blocks || failure != null || cancelled) {
                        everyBlockClaimed.countDown();
                        break;
                    }
                    b = nextBlock++;
                    if (nextBlock == blocks) {
                        everyBlockClaimed.countDown();
                    }
                    rngs = new UniformRandomProvider[Math.min(blockSize, settings.replicates() - b * blockSize)];
                    for (int i = 0; i < rngs.length; i++) {
                        rngs[i] = streams.next();
                    }
                }
                keptBuffer = quantileStore.blockBuffer(keptBuffer);
                final Block block = new Block(b, b * blockSize, rngs.length, freshMoments(expectedGenerations), keptBuffer);
                for (int i = 0; i < block.count(); i++) {
                    if (chain == null) {
                        chain = factory.create(rngs[i]);
                        if (!chain.metricNames().equals(metricNames)) {
                            throw new IllegalStateException("the factory made chains with different metrics: " + chain.metricNames()
                                    + " and " + metricNames);
                        }
                    } else {
                        chain.reset(rngs[i]);
                    }
                    mySteps += runReplicate(chain, block, i);
                }
                expectedGenerations = block.live().generations();
                quantileStore.flush(block.kept(), block.first(), block.count());
                finished(block);
            }
        } catch (CancellationException e) {
            everyBlockClaimed.countDown();
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                if (failure == null) {
                    failure = e;
                }
            }
            everyBlockClaimed.countDown();
        } finally {
            final long cpu = mx.getCurrentThreadCpuTime() - cpuStart;
            synchronized (lock) {
                steps += mySteps;
                cpuNanos += cpu;
            }
        }
    }

    /** Runs one replicate to its end; returns the number of steps taken. */
    private long runReplicate(Chain chain, Block block, int i) {
        final int cap = settings.generations();
        final int replicate = block.first() + i;
        int nextKept = 0;
        long taken = 0;
        while (true) {
            final int g = chain.generation();
            final double[] x = chain.metrics();
            block.live().add(g, x);
            if (observer != null) {
                observer.generation(replicate, chain);
            }
            if (nextKept < kept.length && kept[nextKept] == g) {
                quantileStore.record(nextKept, x, block.kept(), i);
                nextKept++;
            }
            if (g >= cap || chain.absorbed()) {
                break;
            }
            if ((g & (CANCEL_CHECK_GENERATIONS - 1)) == CANCEL_CHECK_GENERATIONS - 1 && cancelled) {
                throw new CancellationException();
            }
            chain.step();
            taken++;
        }
        // Later kept generations see the final (absorbed, constant) metrics, from the outcome.
        final double[] x = chain.metrics();
        quantileStore.end(replicate, nextKept, x);
        outcomes[replicate] = new ReplicateOutcome(replicate, chain.absorbedAt(), chain.absorbingState(),
                chain.generation(), x.clone());
        return taken;
    }

    private void finished(Block block) {
        synchronized (mergeLock) {
            pending.put(block.index(), block);
            Block b;
            while ((b = pending.remove(nextMerge)) != null) {
                totals.merge(b.live());
                quantileStore.addBlock(b.kept(), b.first(), b.count());
                spareMoments.push(b.live());
                nextMerge++;
                replicatesDone += b.count();
            }
            progress.replicatesDone(replicatesDone, settings.replicates());
        }
    }

    private int lastGeneration() {
        int last = 0;
        for (ReplicateOutcome o : outcomes) {
            last = Math.max(last, o.lastGeneration());
        }
        return settings.untilAbsorbed() ? last : settings.generations();
    }

    /** Adds each absorbed replicate's constant metrics to every generation after its absorption. */
    private void addAbsorbedTails(int last) {
        final ReplicateOutcome[] absorbed = Arrays.stream(outcomes)
                .filter(o -> o.absorbedAt() >= 0 && o.absorbedAt() < last)
                .sorted(Comparator.comparingInt(ReplicateOutcome::absorbedAt).thenComparingInt(ReplicateOutcome::replicate))
                .toArray(ReplicateOutcome[]::new);
        final RunningMoments tail = new RunningMoments(metrics);
        int next = 0;
        for (int g = 1; g <= last; g++) {
            while (next < absorbed.length && absorbed[next].absorbedAt() < g) {
                tail.add(absorbed[next++].finalMetrics());
            }
            totals.mergeAt(g, tail.count, tail.mean, tail.m2, tail.positiveInfinite, tail.negativeInfinite);
        }
    }

    /**
     * The kept generations up to {@code last}, then {@code last} itself if it is not one (every replicate
     * has ended by then, so the next kept generation, the cap being always kept, stands for it), thinned
     * to {@link #QUANTILE_VALUES_MAX} values in all: the checkpoints always, every j-th of the others.
     * Depends on R, the metrics and the run's length alone.
     */
    private int[] reportedSlots(int last) {
        int n = 0;
        while (n < kept.length && kept[n] <= last) {
            n++;
        }
        final int reported = kept[n - 1] == last ? n : n + 1;
        final long allowed = Math.max(1, QUANTILE_VALUES_MAX / ((long) settings.replicates() * metrics));
        final java.util.Set<Integer> checkpoints = new java.util.HashSet<>();
        for (int g : Checkpoints.upTo(last)) {
            checkpoints.add(g);
        }
        final long others = IntStream.range(0, reported).filter(i -> !checkpoints.contains(Math.min(kept[i], last))).count();
        final long step = Math.max(1, (others + allowed - 1) / allowed);
        final int[] count = {0};
        return IntStream.range(0, reported).filter(i -> checkpoints.contains(Math.min(kept[i], last)) || count[0]++ % step == 0).toArray();
    }

    /**
     * Puts the k-th smallest of a[from..to] at index k, smaller ones before it and larger ones after
     * (within the range): quickselect with a three-way partition (values equal to the pivot end in the middle, so a
     * column of few distinct values, as absorbed replicates and counts give, takes a few passes), pivot
     * the median of three. NaN compares as larger than everything, as in {@link Double#compare}; a
     * column without NaN (the usual case) takes plain comparisons.
     *
     * @param a Modified: reordered within [from, to].
     * @return the k-th smallest value
     */
    static double select(double[] a, int from, int to, int k, boolean hasNaN) {
        int lo = from;
        int hi = to;
        while (hi > lo) {
            final int mid = (lo + hi) >>> 1;
            final double x = a[lo];
            final double y = a[mid];
            final double z = a[hi];
            final double pivot = less(x, y, hasNaN) ? (less(y, z, hasNaN) ? y : less(x, z, hasNaN) ? z : x)
                    : (less(x, z, hasNaN) ? x : less(y, z, hasNaN) ? z : y);
            // a[lo..lt) < pivot, a[lt..i) == pivot, a(gt..hi] > pivot.
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                final double v = a[i];
                if (less(v, pivot, hasNaN)) {
                    swap(a, lt++, i++);
                } else if (less(pivot, v, hasNaN)) {
                    swap(a, i, gt--);
                } else {
                    i++;
                }
            }
            if (k < lt) {
                hi = lt - 1;
            } else if (k > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return a[k];
    }

    private static boolean less(double x, double y, boolean hasNaN) {
        return hasNaN ? Double.compare(x, y) < 0 : x < y;
    }

    private static void swap(double[] a, int i, int j) {
        final double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /**
     * Hyndman &amp; Fan (1996) type 7 quantiles (R's default), with infinities: between two order
     * statistics of which one is infinite, the quantile is that infinity (the interpolation's limit), and
     * at an order statistic exactly, that statistic. The order statistics are found by selection, each
     * within what the previous one left above it, not by a full sort (a run's band asks for thousands of
     * quantiles of R values each).
     *
     * @param values Modified: reordered.
     * @param levels ascending
     * @param out Modified: the quantile at each level
     */
    static void quantiles(double[] values, double[] levels, double[] out) {
        boolean hasNaN = false;
        for (double v : values) {
            hasNaN |= v != v;
        }
        quantiles(values, levels, out, 0, levels.length - 1, 0, values.length - 1, Double.NaN, hasNaN);
    }

    /**
     * Levels [first, last] whose order statistics lie in values[lo..hi], which hold exactly the
     * order statistics lo..hi: the middle level's first, then each half within the part of the range on
     * its side, so that every selection works on less than the whole column. The statistic after a
     * selected one (for the interpolation) is the least value above it in the range, or, at the range's
     * end, {@code next}: the least value beyond it.
     */
    private static void quantiles(double[] values, double[] levels, double[] out, int first, int last, int lo, int hi, double next,
                                  boolean hasNaN) {
        if (first > last) {
            return;
        }
        final int l = (first + last) >>> 1;
        final double h = (values.length - 1) * levels[l];
        final int k = (int) Math.floor(h);
        final double a = select(values, lo, hi, k, hasNaN);
        double b = a;
        if (h > k) {
            b = k < hi ? values[k + 1] : next;
            for (int i = k + 2; i <= hi; i++) {
                if (less(values[i], b, hasNaN)) {
                    b = values[i];
                }
            }
        }
        out[l] = interpolate(a, b, h - k);
        quantiles(values, levels, out, first, l - 1, lo, k, h > k ? b : next(values, k + 1, hi, next, hasNaN), hasNaN);
        quantiles(values, levels, out, l + 1, last, k + 1, hi, next, hasNaN);
    }

    /** @return the least of values[from..hi], or {@code beyond} if the range is empty */
    private static double next(double[] values, int from, int hi, double beyond, boolean hasNaN) {
        if (from > hi) {
            return beyond;
        }
        double m = values[from];
        for (int i = from + 1; i <= hi; i++) {
            if (less(values[i], m, hasNaN)) {
                m = values[i];
            }
        }
        return m;
    }

    /** @return the type-7 quantile of one level of values (reordered) */
    static double quantile(double[] values, double level) {
        final double[] out = new double[1];
        quantiles(values, new double[] {level}, out);
        return out[0];
    }

    private static double interpolate(double a, double b, double fraction) {
        if (a == b || fraction == 0) {
            return a;
        }
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == Double.NEGATIVE_INFINITY ? a : b; // a < b: a is -infinity or b is +infinity
        }
        return a + fraction * (b - a);
    }
}
