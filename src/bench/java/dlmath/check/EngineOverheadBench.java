package dlmath.check;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Overhead of the property engine: 100 tries of a property through {@link Check#forAll}
 * (choice recording, spans, statistics, edge bias) against a bare loop that draws the
 * same kind of inputs from a plain {@link SplittableRandom} and calls the same body.
 * Two bodies: a trivial one (pure overhead) and an 8x8 matrix product (a typical theorem body).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineOverheadBench {

    static final int TRIES = 100;

    @Param({"trivial", "matmul8"})
    public String body;

    private static final Gen<List<Double>> VECTORS = Gens.doubles(-10, 10).list(64, 64);

    static double work(String body, double[] v) {
        if (body.equals("trivial")) {
            return v[0] + v[v.length - 1];
        }
        double s = 0;
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                double c = 0;
                for (int k = 0; k < 8; k++) {
                    c += v[8 * i + k] * v[8 * k + j];
                }
                s += c;
            }
        }
        return s;
    }

    @Benchmark
    public void engine(Blackhole bh) {
        Check check = Check.standalone(Settings.defaults("bench").withTries(TRIES), Check.Mode.PROVE);
        check.forAll(VECTORS, l -> {
            double[] v = new double[l.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = l.get(i);
            }
            bh.consume(work(body, v));
        });
    }

    @Benchmark
    public void bareLoop(Blackhole bh) {
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < TRIES; t++) {
            double[] v = new double[64];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble(-10, 10);
            }
            bh.consume(work(body, v));
        }
    }
}
