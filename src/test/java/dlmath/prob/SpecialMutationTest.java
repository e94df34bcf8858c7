package dlmath.prob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link Special} aimed at the branches the mutation run (PIT) left untested: every
 * branch and switch-over point of log-gamma, digamma, Stirling's correction, phi, the Poisson rate,
 * log-beta, the incomplete gamma (series, continued fraction, Temme) and incomplete beta (both
 * orientations of the continued fraction, the Stirling prefactor, the gamma limit, the normal
 * limit, the refusal), against mpmath 1.3.0 at 40 digits ({@code theorems/robustness/mpmath/prob_mutation.py}
 * prints the table below).
 *
 * <p>Tolerances, from the error of the forms the code evaluates (u = 2^-53), not fitted: a sum of
 * terms of one sign, each to a few ulps, is within {@code 8u} relative; a difference of terms of size
 * {@code T} carries {@code 8u T} absolute; the incomplete functions claim {@code 1e-15} relative
 * (Temme's two-term expansion, the stopping rule of the series and fractions at {@code 1e-16}) plus the
 * rounding of the exponent of their prefactor, {@code 8u} times its terms, relative; a value
 * formed as {@code 1 - rest} carries {@code 2u} absolute. The truncation of Stirling's series at
 * x &gt;= 10 is below 2e-18 (the class Javadoc), of the digamma series below 3e-18 (the first omitted
 * term B_18 / (18 x^18)).
 */
class SpecialMutationTest {

    private static final double U = 0x1p-53;

    /** name, arguments, mpmath value (40 digits, printed to 25). */
    static final String REFERENCE = """
            lgamma 1e-300 690.7755278982137051803383
            lgamma 0.001 6.907178885383853661683681
            lgamma 0.3 1.095797994818075560562999
            lgamma 0.49999999999999994 0.5723649429247001960684157
            lgamma 0.5 0.5723649429247000870717137
            lgamma 0.9 0.06637623973474295442597111
            lgamma 1.5 -0.1207822376352452223455184
            lgamma 1.5000000000000002 -0.1207822376352452142431166
            lgamma 1.6 -0.1125917656967557723933971
            lgamma 2.5 0.2846828704729191596324947
            lgamma 2.5000000000000004 0.2846828704729194718967716
            lgamma 3.3 0.9870985778947344040572787
            lgamma 7.7 7.926541356269004778873338
            lgamma 9.999999999999998 12.80182748008146561129161
            lgamma 10.0 12.80182748008146961120772
            lgamma 12.5 18.73434751193644570163412
            lgamma 1000.0 5905.220423209181211826077
            lgamma 1000000000000000.0 33538776394910668.90982021
            lgamma 1e+300 6.897755278982137414744009e+302
            stirling 10.0 0.008330563433362871256469319
            stirling 10.5 0.007934114564314020547249562
            stirling 20.0 0.004166319691996922457462923
            stirling 1000.0 0.00008333333055555634920575397
            stirling 100000000.0 8.333333333333333305555465e-10
            digamma 0.001 -1000.575571931810279654757
            digamma 0.5 -1.963510026021423479440976
            digamma 2.2 0.5442934367411451395594282
            digamma 9.5 2.19773787640294953316733
            digamma 10.0 2.251752589066721107647456
            digamma 13.0 2.525995013309145350071699
            digamma 10000.0 9.210290371142849403571966
            digamma 1000000000000.0 27.6310211159280482082159
            digammaMinusLog 10.0 -0.05083250392732457637053529
            digammaMinusLog 13.0 -0.03895434415239138598178885
            digammaMinusLog 10000.0 -0.00005000083333333250000000397
            phi -0.09 0.004310679471241326547735893
            poissonRate -0.09 0.004177281681170392227682457
            phi -0.001 0.0000005003335835335001638197733
            poissonRate -0.001 0.0000005001667500500333779878252
            phi 1e-05 4.999966666916665484705692e-11
            poissonRate 1e-05 4.999983333416666984696449e-11
            phi 0.0999 0.004680733419066091411388986
            poissonRate 0.0999 0.004831671312369206580847938
            phi 0.1 0.004689820195675140460694706
            poissonRate 0.1 0.004841197784757346577425116
            phi -0.1 0.00536051565782630184429155
            poissonRate -0.1 0.005175535907956329480117469
            phi -0.5 0.1931471805599453094172321
            poissonRate -0.5 0.1534264097200273452913839
            phi 3.0 1.613705638880109381165536
            poissonRate 3.0 2.545177444479562475337857
            phi 1000.0 993.0912452206847794147792
            poissonRate 1000.0 5915.663534094535805806005
            poissonRate -1.0 1.0
            logBeta 0.3,2.5 0.8637780733032478883257107
            logBeta 3.0,9.999999999999998 -6.492239835020470741740006
            logBeta 0.001,7.0 6.905306024280087660436699
            logBeta 10.0,10.0 -13.73622922703655481380922
            logBeta 12.0,35.5 -27.01775120046967546135046
            logBeta 2.5,10.0 -5.647837161382056930793912
            logBeta 0.5,1000.0 -2.881387696571576770726108
            logBeta 9.5,4000000.0 -132.7278234042447260813738
            logBeta 1000.0,1000000.0 -7910.789468421459800408247
            logBeta 30000000.0,50000000.0 -52925066.50705218337113683
            gammaP 0.5,0.2 0.4729107431344619263348234
            gammaQ 0.5,0.2 0.5270892568655380736651766
            gammaP 2.5,1.0 0.1508549639153903637741069
            gammaQ 2.5,1.0 0.8491450360846096362258931
            gammaP 2.5,3.5 0.7793596920632892092051482
            gammaQ 2.5,3.5 0.2206403079367107907948518
            gammaP 2.5,3.4999999999999996 0.7793596920632891431501932
            gammaQ 2.5,3.4999999999999996 0.2206403079367108568498068
            gammaP 2.5,20.0 0.9999998506632099949604816
            gammaQ 2.5,20.0 0.0000001493367900050395183881606
            gammaP 0.01,0.001 0.9385706525261289853829858
            gammaQ 0.01,0.001 0.06142934747387101461701423
            gammaP 15.0,9.0 0.04146632547290372430348391
            gammaQ 15.0,9.0 0.9585336745270962756965161
            gammaP 15.0,15.9 0.6231134767927189864428655
            gammaQ 15.0,15.9 0.3768865232072810135571345
            gammaP 15.0,16.0 0.6324726402344350701692809
            gammaQ 15.0,16.0 0.3675273597655649298307191
            gammaP 15.0,30.0 0.9990793176038513337367483
            gammaQ 15.0,30.0 0.0009206823961486662632516687
            gammaP 40.0,70.0 0.9999613606139274854025379
            gammaQ 40.0,70.0 0.00003863938607251459746211277
            gammaP 7.0,60.0 0.9999999999999999993707759
            gammaQ 7.0,60.0 6.292241332308505436667963e-19
            gammaP 100000.0,98500.0 0.0000009382554994077995786021088
            gammaQ 100000.0,98500.0 0.9999990617445005922004214
            gammaP 100000.0,100020.0 0.5256324969290951517467645
            gammaQ 100000.0,100020.0 0.4743675030709048482532355
            gammaP 100000.0,99980.0 0.4752035094332858361586879
            gammaQ 100000.0,99980.0 0.5247964905667141638413121
            gammaP 100000.0,101500.0 0.9999988263154862778309313
            gammaQ 100000.0,101500.0 0.000001173684513722169068730183
            gammaP 400000.0,400005.0 0.5033641234776171196608274
            gammaQ 400000.0,400005.0 0.4966358765223828803391726
            betaI 0.5,3.0,0.1 0.5545844446520295386795018
            betaI 0.5,3.0,0.6 0.9759918032442690507652996
            betaI 3.0,0.5,0.9 0.4454155553479705279714773
            betaI 2.0,3.0,0.4285714285714285 0.5735110370678882466704577
            betaI 2.0,3.0,0.42857142857142866 0.573511037067888526330135
            betaI 20.0,40.0,0.3 0.2998216752522930793844072
            betaI 20.0,40.0,0.36 0.6777474245589399788028795
            betaI 12.0,2000000.0,5e-06 0.3032298248876633218879695
            betaI 12.0,2000000.0,7e-06 0.7399674588854567867908456
            betaI 2000000.0,12.0,0.999994 0.4615894416876011284618288
            betaI 2.5,3000000.0,1e-06 0.693781519456276471478092
            betaI 3000000.0,2.5,0.999999 0.3062184805269351931134858
            betaI 4.0,20000000000.0,2e-10 0.5665298797700478652239079
            betaI 1e+17,2e+17,0.33333333433333334 0.8773609436253151485066161
            betaI 1e+17,2e+17,0.3333333313333333 0.01006837518077883590395667
            betaI 2e+17,1e+17,0.6666666676666666 0.8773609262183425640194451
            betaI 5.0,500000.0,1e-05 0.5595146109712521868270348
            """;

    /** The Dirichlet helpers (name, alpha[;x], value) and Temme's expansion by temmeAt (name, a,d, value). */
    static final String HELPERS = """
            logMultivariateBeta 12.0,3000000.0,500000.0 -1435575.996170405278396645
            logMultivariateBeta 2.0,3000000.0 -29.82824602659804536879651
            logMultivariateBeta 12.0,20.0,30.0 -64.63981628760351355045309
            logMultivariateBeta 15.0,15.0 -20.87459660169064600988754
            logDirichlet 12.0,2000000.0,3000000.0;5e-06,0.4,0.599995 15.83728589122406514301935
            logDirichlet 20.0,1000000.0;1e-05,0.99999 8.224893136133324924024799
            dirichletEntropy 1000000.0,2000000.0,3000000.0 -14.56115281890003399255547
            dirichletEntropy 1000000.0,1000000.0 -6.528537766617507274420326
            temmeP 100000.0,1e-05 0.501682078909707234032199
            temmeQ 100000.0,1e-05 0.498317921090292765967801
            temmeP 100000.0,-2e-05 0.4978973832805030233792103
            temmeQ 100000.0,-2e-05 0.5021026167194969766207897
            temmeP 300000.0,0.0005 0.6081206776293858478222871
            temmeQ 300000.0,0.0005 0.3918793223706141521777129
            logMultivariateBeta 10.0,999990.0 -125.3532230993687704215321
            """;

    static double[] numbers(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static double tolerance(String f, double[] a, double ref) {
        switch (f) {
            case "lgamma": {
                double x = a[0];
                // below 10: lgamma1p(e), |e| <= 1/2 (its terms sum to at most 0.6 in size), log1p(y - 2) (at most
                // ln 2 in size) or -ln x, and the ln of the product, added with their signs: 8u (|ref| + 1.3);
                // above, (x - 1/2) ln x - x: terms of size x ln x
                return x < 10 ? 8 * U * (Math.abs(ref) + 1.3) : 8 * U * (x * Math.log(x) + x);
            }
            case "stirling":
                return 8 * U * Math.abs(ref) + 2e-18;
            case "digamma": {
                double x = a[0];
                // the shifts 1/x + ... + 1/(x + k - 1) and ln(x + k) are added with their signs
                return 8 * U * (Math.abs(ref) + 2 / x + Math.log(x + 10) + 1);
            }
            case "digammaMinusLog":
                return 8 * U * Math.abs(ref) + 3e-18;
            case "phi":
            case "poissonRate": {
                double d = a[0];
                // the series (|d| < 0.1) has terms of one sign or alternating decreasing: 8u relative;
                // d - log1p(d) and (1 + d) log1p(d) - d cancel terms of size |d| and (1 + |d|) |log1p(d)|
                return 8 * U * (Math.abs(ref) + Math.abs(d) + (d == -1 ? 0 : Math.abs((1 + d) * Math.log1p(d))));
            }
            case "logBeta": {
                double small = Math.min(a[0], a[1]);
                double big = Math.max(a[0], a[1]);
                // direct: three lgamma values (below 10, at most 13 each, lgamma(small) for a tiny small);
                // Stirling's forms: terms of size small (ln(big + small) + 1) and lgamma(small)
                return 8 * U * (Math.abs(ref) + small * (Math.abs(Math.log(small + big)) + 1)
                        + Math.abs(Gamma.logGamma(small)) + 40);
            }
            case "gammaP":
            case "gammaQ": {
                double s = a[0];
                double x = a[1];
                double d = (x - s) / s;
                // the exponent s ln x - x - lgamma(s) directly below s = 10, -s phi(d) above
                double exponent = s < 10 ? s * Math.abs(Math.log(x)) + x + Math.abs(Gamma.logGamma(s))
                        : 2 + s * (d - Math.log1p(d));
                return Math.abs(ref) * (1e-15 + 8 * U * exponent) + 2 * U;
            }
            default: {   // betaI: a, b, x
                double p = a[0];
                double q = a[1];
                double x = a[2];
                double exponent = Math.max(p, q) < 1e6
                        // a ln x + b ln y - ln B directly
                        ? p * Math.abs(Math.log(x)) + q * Math.abs(Math.log1p(-x)) + Math.abs(org.apache.commons.math3.special.Beta.logBeta(p, q))
                        // Stirling's prefactor -a phi - b phi + ... and the gamma limit's P(a, beta xi): the size of the
                        // log prefactor, a few units at these points
                        : 40;
                return Math.abs(ref) * (1e-15 + 8 * U * exponent) + 2 * U;
            }
        }
    }

    @Test
    void everyBranchAgreesWithMpmath() {
        for (String line : REFERENCE.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            double[] a = numbers(f[1]);
            double ref = Double.parseDouble(f[2]);
            double got = switch (f[0]) {
                case "lgamma" -> Special.lgamma(a[0]);
                case "stirling" -> Special.stirling(a[0]);
                case "digamma" -> Special.digamma(a[0]);
                case "digammaMinusLog" -> Special.digammaMinusLog(a[0]);
                case "phi" -> Special.phi(a[0]);
                case "poissonRate" -> Special.poissonRate(a[0]);
                case "logBeta" -> Special.logBeta(a[0], a[1]);
                case "gammaP" -> Special.regularizedGammaP(a[0], a[1]);
                case "gammaQ" -> Special.regularizedGammaQ(a[0], a[1]);
                default -> Special.regularizedBeta(a[2], a[0], a[1]);
            };
            assertThat(Math.abs(got - ref)).as("%s: got %s", line.strip(), got)
                    .isLessThanOrEqualTo(tolerance(f[0], a, ref));
        }
    }

    static double[] numbers(String[] parts, int i) {
        return i < parts.length ? numbers(parts[i]) : new double[0];
    }

    @Test
    void dirichletHelpersAndTemmeAgreeWithMpmath() {
        for (String line : HELPERS.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            String[] args = f[1].split(";");
            double[] al = numbers(args[0]);
            double[] x = numbers(args, 1);
            double ref = Double.parseDouble(f[2]);
            double a0 = 0;
            double spread = 0;   // the sizes of the terms the helpers add, for the rounding bound
            for (double v : al) {
                a0 += v;
            }
            double got;
            double tol;
            switch (f[0]) {
                case "logMultivariateBeta" -> {
                    got = Special.logMultivariateBeta(al, Math.log(a0));
                    boolean stirling = java.util.Arrays.stream(al).min().getAsDouble() >= 10 && a0 >= Special.LARGE;
                    for (double v : al) {
                        // Stirling's form: (a_i - 1/2) (ln a_i - ln a_0), the difference of logs u (|ln a_i| + |ln a_0|)
                        // off, and ln a_0 / 2; directly: the lgamma values
                        spread += stirling ? v * (Math.log(v) + Math.log(a0)) + Math.log(a0) : Math.abs(Gamma.logGamma(v));
                    }
                    spread += stirling ? 0 : Math.abs(Gamma.logGamma(a0));
                    tol = 8 * U * (Math.abs(ref) + spread + 10);
                }
                case "logDirichlet" -> {
                    double[] mean = new double[al.length];
                    double sum = 0;
                    for (double v : x) {
                        sum += v;
                    }
                    for (int i = 0; i < al.length; i++) {
                        mean[i] = al[i] / a0;
                        double t = x[i] / sum / mean[i] - 1;
                        // alpha_i phi(t), ln x_i, ln alpha_i / 2, omega(alpha_i)
                        spread += al[i] * (t - Math.log1p(t)) + Math.abs(Math.log(x[i])) + Math.log(al[i]);
                    }
                    got = Special.logDirichletLarge(al, mean, Math.log(a0), x);
                    tol = 8 * U * (Math.abs(ref) + spread + 10);
                }
                case "dirichletEntropy" -> {
                    got = Special.dirichletEntropyLarge(al, Math.log(a0));
                    for (double v : al) {
                        spread += Math.log(v);
                    }
                    // terms (K - 1/2) ln a_0 and ln(a_i)/2; the series' remainder O(sum a_i^-3) < 1e-17
                    tol = 8 * U * (Math.abs(ref) + al.length * Math.log(a0) + spread) + 1e-17;
                }
                default -> {   // temmeP / temmeQ: a, d
                    got = Special.temmeAt(al[0], al[1], f[0].equals("temmeQ"));
                    tol = Math.abs(ref) * (1e-15 + 16 * U);
                }
            }
            assertThat(Math.abs(got - ref)).as("%s: got %s", line.strip(), got).isLessThanOrEqualTo(tol);
        }
        // x off the simplex is projected onto it (divided by its sum): doubling x (exact) gives the same value
        double[] al = {20, 1e6};
        double[] mean = {20 / (1e6 + 20), 1e6 / (1e6 + 20)};
        assertThat(Special.logDirichletLarge(al, mean, Math.log(1e6 + 20), new double[] {2e-5, 2 * 0.99999}))
                .isEqualTo(Special.logDirichletLarge(al, mean, Math.log(1e6 + 20), new double[] {1e-5, 0.99999}));
        // a zero coordinate: the density is 0
        assertThat(Special.logDirichletLarge(new double[] {12, 2e6}, new double[] {12 / (2e6 + 12), 2e6 / (2e6 + 12)},
                Math.log(2e6 + 12), new double[] {0, 1})).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    static void rejects(Runnable call, String... words) {
        assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class).message().contains(words);
    }

    @Test
    void refusalsNameTheArgumentAndItsValue() {
        rejects(() -> Special.lgamma(-2.5), "lgamma", "x must be > 0", "-2.5");
        rejects(() -> Special.lgamma(Double.NaN), "lgamma", "NaN");
        rejects(() -> Special.digamma(0), "digamma", "x must be > 0", "0.0");
        rejects(() -> Special.logBeta(0, 2), "logBeta", "a=0.0", "b=2.0");
        rejects(() -> Special.logBeta(2, -1), "logBeta", "a=2.0", "b=-1.0");
        rejects(() -> Special.logBeta(2, 0), "logBeta: a and b must be > 0, was a=2.0, b=0.0");
        rejects(() -> Special.regularizedGammaP(Double.POSITIVE_INFINITY, 1), "incomplete gamma", "a must be > 0 and finite", "Infinity");
        rejects(() -> Special.regularizedGammaP(0, 1), "a must be > 0", "0.0");
        rejects(() -> Special.regularizedGammaQ(2, Double.NaN), "x must be >= 0", "NaN");
        rejects(() -> Special.regularizedGammaP(2, -0.5), "x must be >= 0", "-0.5");
        rejects(() -> Special.regularizedBeta(0.5, Double.POSITIVE_INFINITY, 1), "incomplete beta", "a must be > 0 and finite", "Infinity");
        rejects(() -> Special.regularizedBeta(0.5, 1, Double.POSITIVE_INFINITY), "b must be > 0 and finite", "Infinity");
        rejects(() -> Special.regularizedBeta(0.5, 1, 0), "incomplete beta: b must be > 0 and finite, was 0.0");
        rejects(() -> Special.regularizedBeta(0.5, 0, 1), "incomplete beta: a must be > 0 and finite, was 0.0");
        rejects(() -> Special.regularizedGammaQ(0, 2), "incomplete gamma: a must be > 0 and finite, was 0.0");
        rejects(() -> Special.digamma(-0.0), "digamma: x must be > 0, was -0.0");
        rejects(() -> Special.lgamma(0), "lgamma: x must be > 0, was 0.0");
        rejects(() -> Special.regularizedBeta(-0.25, 1, 1), "x must be in [0, 1]", "-0.25");
        rejects(() -> Special.regularizedBeta(Double.NaN, 1, 1), "x must be in [0, 1]", "NaN");
        rejects(() -> Special.erf(Double.NaN), "erf", "NaN");
        rejects(() -> Special.erfc(Double.NaN), "erfc", "NaN");
        rejects(() -> Special.normalCdf(Double.NaN), "normalCdf", "NaN");
        // the one region the incomplete beta does not compute: max > 1e10, min above the gamma limit's reach and
        // below the normal limit; the message names a, b, the limits and the bound on min at these a, b:
        // (1e-17 beta^4)^(1/6) with beta = 1e11 + (1e9 - 1)/2 = 1.005e11 - 0.5 is 2.0064e4 (float)
        double beta = 1e11 + (1e9 - 1) / 2;
        String bound = Float.toString((float) Math.pow(1e-17 * Math.pow(beta, 4), 1.0 / 6));
        rejects(() -> Special.regularizedBeta(0.5, 1e9, 1e11), "a = 1.0E9", "b = 1.0E11", "1.0E10", "1.0E-17", "1.0E17",
                "= " + bound.substring(0, 5));
        rejects(() -> Special.regularizedBeta(0.5, 1e11, 1e9), "a = 1.0E11", "b = 1.0E9");
        // max(a, b) = 1e10 exactly is still computed by the continued fraction (far from the mean: I = 0 in double)
        assertThat(Special.regularizedBeta(0.4, 1e10, 1e10)).isZero();
        rejects(() -> Special.regularizedBeta(0.4, 1e10, Math.nextUp(1e10)), "outside the range");
        // just inside the gamma limit's reach (min^6 <= 1e-17 beta^4) it computes; just outside it refuses
        double big = 1e12;
        double edge = Math.pow(1e-17 * Math.pow(big, 4), 1.0 / 6);   // about 2.15e5 (beta ~ big)
        assertThat(Special.regularizedBeta(0.5, 0.9 * edge, big)).isBetween(0.0, 1.0);
        rejects(() -> Special.regularizedBeta(0.5, 1.1 * edge, big), "outside the range");
    }

    @Test
    void endsOfTheRanges() {
        assertThat(Special.lgamma(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Special.digamma(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Special.logBeta(2, Double.POSITIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Special.logBeta(Double.POSITIVE_INFINITY, 0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        // P(a, x) at x = 0 and +inf for a in the Temme range: the series and fraction's ends, not Temme
        assertThat(Special.regularizedGammaP(2e5, 0)).isZero();
        assertThat(Special.regularizedGammaQ(2e5, 0)).isEqualTo(1.0);
        assertThat(Special.regularizedGammaP(2e5, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Special.regularizedGammaQ(2e5, Double.POSITIVE_INFINITY)).isZero();
        assertThat(Special.regularizedGammaQ(0.5, Double.POSITIVE_INFINITY)).isZero();
        // P(a, x) for a subnormal a: x^a e^-x / Gamma(a + 1) ~ 1 (no overflow of 1/a); Q(a, 2) = a E_1(2) = 2.4e-325
        // (DLMF 8.4.4, E_1(2) = 0.0489), below half the smallest subnormal: 0
        assertThat(Special.regularizedGammaP(Double.MIN_VALUE, 0.5)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(Special.regularizedGammaQ(Double.MIN_VALUE, 2)).isZero();
        // x = 0 and 1 exactly
        assertThat(Special.regularizedBeta(0, 1e20, 1e20)).isZero();
        assertThat(Special.regularizedBeta(1, 1e20, 1e20)).isEqualTo(1.0);
        // the normal limit thousands of standard deviations out (|z| > 40): 0 and 1, no NaN from z^2
        assertThat(Special.regularizedBeta(0.4999, 1e20, 1e20)).isZero();
        assertThat(Special.regularizedBeta(0.5001, 1e20, 1e20)).isEqualTo(1.0);
        assertThat(Special.regularizedBeta(1e-300, 1e300, Double.MAX_VALUE)).isZero();
        // erf, erfc, Phi: odd, 2 - erfc(-x), Phi(-z) = 1 - Phi(z) exactly at 0; signs at the far tails
        // erf(+0) = +0 (odd, C99 F.9.5.1), erfc(0) = 1, Phi(0) = 1/2
        assertThat(Double.doubleToRawLongBits(Special.erf(0))).isZero();
        assertThat(Special.erf(-0.5)).isEqualTo(-Special.erf(0.5));
        assertThat(Special.erfc(-0.5)).isEqualTo(2 - Special.erfc(0.5));
        assertThat(Special.erfc(0)).isEqualTo(1.0);
        assertThat(Special.normalCdf(0)).isEqualTo(0.5);
        // Phi(-37) = 5.7e-300, kept relative in the left tail (commons-math3's erfc stops at 1e-14 relative)
        double left = 0.5 * org.apache.commons.math3.special.Erf.erfc(37 / Math.sqrt(2));
        assertThat(Special.normalCdf(-37)).isCloseTo(left, org.assertj.core.api.Assertions.within(1e-12 * left));
        assertThat(Special.normalCdf(40)).isEqualTo(1.0);
        // xlogy: 0 ln 0 = 0; logSum and max of scaled values
        assertThat(Special.xlogy(0, 0)).isZero();
        assertThat(Special.xlogy(2, Math.E)).isEqualTo(2.0);
        assertThat(Special.logSum(new double[] {Double.MAX_VALUE, Double.MAX_VALUE}))
                .isCloseTo(Math.log(Double.MAX_VALUE) + Math.log(2), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Special.logSum(new double[] {3, 5})).isCloseTo(Math.log(8), org.assertj.core.api.Assertions.within(4 * U * Math.log(8)));
        assertThat(Special.max(new double[] {0.5, 7, 3})).isEqualTo(7.0);
    }
}
