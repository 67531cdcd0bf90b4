package org.modelcollapse.simd;

import jdk.incubator.vector.VectorShape;

/**
 * The one vector shape of every kernel: the hardware's preferred shape, capped at 256 bits.
 *
 * <p>The dot-product kernels need vectors of exactly four doubles (their partial sums are fixed), so
 * on AVX-512 a wider shape for the other kernels put two DoubleVector classes in one JVM. C2 compiles
 * a Vector API call from the receiver classes the shared JDK methods have seen so far; once both were
 * seen, a kernel compiled a two-class dispatch whose merged vectors it then boxed, at random from one
 * JVM to the next (seen on AVX-512: 1 run in 5 of the regression probe allocated 25 MB per 200
 * generations in VectorReflectionKernels; the mixture probe 47 KB to 26 MB). With one shape per
 * element type the dispatch has one class. On AVX-512 this runs the AVX2 code, with the same bits,
 * at a cost measured on that machine (JMH, 5 x 1 s, 512 -> 256 bits): a standard normal 3.6 -> 5.8 ns,
 * a Gaussian samples step at d = 128, M = 10^4 14.7 -> 18.1 ms; 4-lane kernels with 8 partial sums
 * would win it back.
 */
final class VectorWidth {
    /** The preferred shape, at most 256 bits. */
    static final VectorShape SHAPE = VectorShape.preferredShape().vectorBitSize() > 256
            ? VectorShape.S_256_BIT : VectorShape.preferredShape();

    private VectorWidth() {}
}
