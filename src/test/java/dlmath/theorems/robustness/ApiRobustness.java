package dlmath.theorems.robustness;

import dlmath.autodiff.Autodiff;
import dlmath.autodiff.Var;
import dlmath.check.Check;
import dlmath.check.Claims;
import dlmath.check.Gen;
import dlmath.check.Gens;
import dlmath.check.Property;
import dlmath.check.Theorem;
import dlmath.prob.Quadrature;
import dlmath.tensor.Tensor;
import dlmath.theorems.robustness.ArgumentMakers.Ctx;
import dlmath.theorems.robustness.ArgumentMakers.Maker;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;

/**
 * RB-01 API robustness: every public constructor and method of the packages in {@link #PACKAGES},
 * found by reflection (so a method is covered the day it is added), called with arguments from the
 * explicit table {@link ArgumentMakers}, either returns a result without a silent NaN, or refuses
 * with an IllegalArgumentException whose message names the problem, or a NullPointerException
 * whose message is the name of the null parameter, within a deadline. Page:
 * theorems/robustness/RB-01-api-robustness.md.
 */
@Theorem(id = "RB-01", name = "API robustness",
        statement = "every public entry point of dlmath.tensor, linalg, autodiff, prob, optim, nn, learn, explain and variational, "
                + "called with "
                + "malformed and "
                + "extreme arguments, returns a result without a silent NaN or refuses with an "
                + "IllegalArgumentException naming the problem (a NullPointerException naming the null parameter), "
                + "within a deadline")
@Tag("robustness")
class ApiRobustness {

    /**
     * The packages covered. A new package is covered by one more entry here; the inventory property
     * then names every parameter type of its entry points that {@link ArgumentMakers} has no makers
     * for (add them there: a typical value first, then edge and malformed ones).
     */
    static final List<String> PACKAGES = List.of("dlmath.tensor", "dlmath.linalg", "dlmath.autodiff", "dlmath.prob",
            "dlmath.optim", "dlmath.nn", "dlmath.learn", "dlmath.explain", "dlmath.variational");

    /**
     * Entry points not called, with the reason (checked: each must exist, so the list cannot rot).
     * Keys are {@code Class.method} (all overloads).
     */
    static final Map<String, String> EXCLUDED = Map.of(
            "KL.register", "mutates the global registry of closed forms that every other theorem reads",
            "Primitive.define", "its arguments are rule implementations (Forward, Vjp, Jvp, Cost, a sampler, a domain "
                    + "predicate) with no makers; the primitives it builds are covered via Primitive.forward/jvp/cost "
                    + "and NN-01; its null and arity refusals are pinned in AutodiffApiTest",
            "KL$Rule.apply", "a user-implemented callback interface (its implementations are the registered rules)",
            "Primitive$Forward.apply", "a rule interface implemented only inside Primitives (covered via Primitive.forward)",
            "Primitive$Vjp.apply", "a rule interface implemented only inside Primitives; VjpContext has no public constructor",
            "Primitive$Jvp.apply", "a rule interface implemented only inside Primitives (covered via Primitive.jvp)",
            "Primitive$Cost.apply", "a rule interface implemented only inside Primitives (covered via Primitive.cost)",
            "VjpContext.*", "instances exist only inside a primitive's VJP rule during a backward sweep (covered via "
                    + "Autodiff.grad on every primitive in AD-01..)",
            "OpCount.during", "runs the caller's code (a Runnable has no makers); its null refusal and nesting are pinned "
                    + "in OpCountTest, its counts checked against the work model in AD-13");

    /**
     * Entry points whose NaN outputs are documented IEEE 754 semantics, not silent NaNs: the
     * elementwise math of Tensor and Var follows Math (log of a negative, sqrt of a negative,
     * inf - inf, 0 / 0), as Tensor's class Javadoc states; Linalg.cond is NaN for the zero matrix
     * (0 / 0, documented, as NumPy).
     */
    static final Set<String> IEEE_NAN = Set.of("Tensor.log", "Tensor.log1p", "Tensor.sqrt", "Tensor.pow",
            "Tensor.div", "Tensor.map", "Tensor.zipWith", "Tensor.sub", "Tensor.add", "Var.log", "Var.log1p",
            "Var.sqrt", "Var.pow", "Var.div", "Linalg.cond");

    /**
     * Argument kinds not tried for some entry points, with the reason: Tensor.randn and
     * Linalg.powerIteration are documented to draw {@code rng.nextGaussian()} (TN-17 and LA checks
     * replay that stream), and the JDK's default {@code nextGaussian} loops without a bound on a
     * generator that always returns its largest value. (Our own samplers bound their loops.)
     */
    private static final String NEXT_INT = "draws rng.nextInt(bound), the JDK's rejection loop, which never ends on a "
            + "generator that always returns -1 (java.util.random.RandomGenerator's documented algorithm)";

    static final Map<String, String> EXCLUDED_KINDS = Map.ofEntries(
            Map.entry("Tensor.randn|always-(1 - ulp) generator", "the JDK's nextGaussian loops forever on it"),
            Map.entry("Linalg.powerIteration|always-(1 - ulp) generator", "the JDK's nextGaussian loops forever on it"),
            Map.entry("Init.xavierNormal|always-(1 - ulp) generator", "draws Tensor.randn (torch.nn.init.xavier_normal_)"),
            Map.entry("Init.heNormal|always-(1 - ulp) generator", "draws Tensor.randn (torch.nn.init.kaiming_normal_)"),
            Map.entry("Batches.withReplacement|always-(1 - ulp) generator", NEXT_INT),
            Map.entry("Batches.withoutReplacement|always-(1 - ulp) generator", NEXT_INT),
            Map.entry("Batches.epoch|always-(1 - ulp) generator", NEXT_INT),
            Map.entry("Training.fit|always-(1 - ulp) generator", NEXT_INT + " (via Batches.epoch)"),
            Map.entry("Datasets.stratifiedSplit|always-(1 - ulp) generator", NEXT_INT));

    /** Per-call deadline: far above any call here (the slowest, a Bernstein-window sum, takes ~0.3 s). */
    static final long DEADLINE_MS = 20_000;

    /** {@code -Drb.survey=true}: print every violation of the sweep instead of stopping at the first (a tool). */
    static final boolean SURVEY = Boolean.getBoolean("rb.survey");

    record EntryPoint(Executable member, String key) {
        boolean isStatic() {
            return member instanceof Constructor<?> || Modifier.isStatic(member.getModifiers());
        }

        List<List<Maker>> parameterMakers() {
            List<List<Maker>> out = new ArrayList<>();
            if (!isStatic()) {   // the receiver: never null (a call on null is the caller's own NPE)
                out.add(ArgumentMakers.forType(member.getDeclaringClass()).stream()
                        .filter(mk -> !mk.kind().equals("null")).toList());
            }
            for (Type t : member.getGenericParameterTypes()) {
                out.add(ArgumentMakers.forType(t));
            }
            return out;
        }

        /** The receiver and parameter types that have no makers in the table (then the entry point is not called). */
        List<String> typesWithoutMakers() {
            List<String> out = new ArrayList<>();
            if (!isStatic() && ArgumentMakers.forType(member.getDeclaringClass()).isEmpty()) {
                out.add(member.getDeclaringClass().getTypeName() + " (receiver)");
            }
            for (Type t : member.getGenericParameterTypes()) {
                if (ArgumentMakers.forType(t).isEmpty()) {
                    out.add(t.getTypeName());
                }
            }
            return out;
        }

        /** Names of the receiver (if any) and the parameters. */
        List<String> names() {
            List<String> out = new ArrayList<>();
            if (!isStatic()) {
                out.add("this");
            }
            for (Parameter p : member.getParameters()) {
                out.add(p.getName());
            }
            return out;
        }

        @Override
        public String toString() {
            return member.toGenericString().replace("dlmath.", "").replace("java.lang.", "");
        }
    }

    static final List<EntryPoint> ENTRY_POINTS = new ArrayList<>();
    static final List<String> UNCOVERED = new ArrayList<>();
    /** Parameter (or receiver) types without makers, each with the entry points that need it. */
    static final Map<String, List<String>> MISSING_MAKERS = new TreeMap<>();

    static {
        for (String pkg : PACKAGES) {
            for (Class<?> c : classesOf(pkg)) {
                if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isSynthetic()) {
                    continue;
                }
                List<Executable> members = new ArrayList<>();
                if (!Modifier.isAbstract(c.getModifiers()) && !c.isInterface()) {
                    members.addAll(Arrays.asList(c.getConstructors()));
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                        members.add(m);
                    }
                }
                for (Executable e : members) {
                    String cls = c.getName().substring(pkg.length() + 1);
                    String key = cls + "." + (e instanceof Constructor<?> ? "<init>" : e.getName());
                    if (EXCLUDED.containsKey(key) || EXCLUDED.containsKey(cls + ".*")) {
                        continue;
                    }
                    EntryPoint ep = new EntryPoint(e, key);
                    List<String> missing = ep.typesWithoutMakers();
                    if (!missing.isEmpty()) {
                        UNCOVERED.add(ep.toString());
                        for (String t : missing) {
                            MISSING_MAKERS.computeIfAbsent(t, k -> new ArrayList<>()).add(key);
                        }
                    } else {
                        ENTRY_POINTS.add(ep);
                    }
                }
            }
        }
        ENTRY_POINTS.sort(Comparator.comparing(EntryPoint::toString));
    }

    /** The classes of a package, from the class path directory that holds it. */
    static List<Class<?>> classesOf(String pkg) {
        List<Class<?>> out = new ArrayList<>();
        try {
            // every class path directory of the package, except the test classes' (the verifier's own)
            for (URL url : Collections.list(ApiRobustness.class.getClassLoader().getResources(pkg.replace('.', '/')))) {
                if (!url.getProtocol().equals("file") || url.getPath().contains("test-classes")) {
                    continue;
                }
                Path dir = Path.of(url.toURI());
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.sorted().toList()) {
                        String name = f.getFileName().toString();
                        if (name.endsWith(".class") && !name.equals("package-info.class")) {
                            out.add(Class.forName(pkg + "." + name.substring(0, name.length() - 6)));
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list package " + pkg, e);
        }
        return out;
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "RB-01 call");
        t.setDaemon(true);
        return t;
    });

    /** What one call did, and how much the old generation grew during it (bytes; -1 if not measured). */
    record Outcome(String kind, Object value, Throwable error, long heapGrowth) {
        Outcome(String kind, Object value, Throwable error) {
            this(kind, value, error, -1);
        }

        Outcome withHeapGrowth(long bytes) {
            return new Outcome(kind, value, error, bytes);
        }
    }

    /**
     * The heap-safe size policy: no call of the table may grow the heap's old generation (where
     * the JVM puts large arrays) by more than this. A valid request of the table is either small
     * (at most 2^24 entries: the table's sides are at most 65536, and two sides of 46341 or more
     * overflow int and are refused) or larger than any heap ({@code int MAX} entries, 16 GiB, which
     * the JVM refuses at once without filling the heap: a documented OutOfMemoryError). A call
     * between the two could fill the heap and take the test JVM down with it (tries x10, seed 6);
     * this claim finds such a call by its effect instead of by the crash.
     */
    static final long HEAP_BUDGET_BYTES = 1L << 30;

    /**
     * The most a returned value of the table may hold: 2 GiB, so that the value and the copy the NaN scan
     * makes fit in the fork's default heap (a quarter of this machine's 23 GiB). The table's doubles make
     * at most {@code Tensor.arange(-1e300, MAX, 1e300)}, 1.8e8 entries (1.44 GB); a new maker that makes
     * a larger valid request fails this claim instead of the fork.
     */
    static final long RESULT_BUDGET_BYTES = 2L << 30;

    /** The old-generation pools ("G1 Old Gen", "PS Old Gen", "Tenured Gen"); empty if the collector has none. */
    private static final List<java.lang.management.MemoryPoolMXBean> OLD_GEN = java.lang.management.ManagementFactory
            .getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP && p.isUsageThresholdSupported()
                    && (p.getName().contains("Old") || p.getName().contains("Tenured")))
            .toList();

    private static long oldGenUsed() {
        return OLD_GEN.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long oldGenPeak() {
        return OLD_GEN.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** {@link #callUnmeasured} with the growth of the old generation during the call. */
    static Outcome call(EntryPoint ep, Object[] args) {
        long before = oldGenUsed();
        OLD_GEN.forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
        Outcome o = callUnmeasured(ep, args);
        return OLD_GEN.isEmpty() ? o : o.withHeapGrowth(Math.max(0, oldGenPeak() - before));
    }

    /** Calls the entry point with the arguments (the receiver first) on a pool thread, within the deadline. */
    static Outcome callUnmeasured(EntryPoint ep, Object[] args) {
        Future<Object> f = POOL.submit(() -> {
            Executable m = ep.member();
            if (m instanceof Constructor<?> c) {
                return c.newInstance(args);
            }
            Method method = (Method) m;
            if (ep.isStatic()) {
                return method.invoke(null, args);
            }
            return method.invoke(args[0], Arrays.copyOfRange(args, 1, args.length));
        });
        try {
            return new Outcome("returned", f.get(DEADLINE_MS, TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome("hang", null, e);
        } catch (ExecutionException e) {
            Throwable t = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            return new Outcome("threw", null, t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", null, e);
        }
    }

    static Object[] make(List<Maker> makers, Ctx ctx) {
        Object[] out = new Object[makers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = makers.get(i).make().apply(ctx);
        }
        return out;
    }

    /** Whether a value carries a NaN (then a NaN result is IEEE propagation, not a silent NaN). */
    /**
     * The bytes of numbers a returned value holds (8 per double, 4 per int), counted by walking the
     * value itself (tensors by their entry count, arrays by their lengths, records, collections and maps
     * by their parts, to depth 6), not by anything the call reports. A valid call may grow the heap by
     * what it returns: {@code Tensor.arange(-1e300, MAX, 1e300)} is a correct 1.8e8-entry vector
     * (1.44 GB; soak seed 84). Objects of other types count 0.
     */
    static long payloadBytes(Object v, int depth) {
        if (v == null || depth > 6) {
            return 0;
        }
        if (v instanceof Tensor t) {
            return 8L * t.size();
        }
        if (v instanceof double[] a) {
            return 8L * a.length;
        }
        if (v instanceof int[] a) {
            return 4L * a.length;
        }
        if (v instanceof Var x) {
            return payloadBytes(x.value(), depth + 1) + (x.hasTangent() ? payloadBytes(x.tangent(), depth + 1) : 0);
        }
        if (v instanceof Object[] a) {
            long sum = 0;
            for (Object o : a) {
                sum += payloadBytes(o, depth + 1);
            }
            return sum;
        }
        if (v instanceof Map<?, ?> m) {
            return payloadBytes(m.values(), depth + 1);
        }
        if (v instanceof Record r) {
            long sum = 0;
            for (java.lang.reflect.RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method acc = rc.getAccessor();
                    acc.setAccessible(true);
                    sum += payloadBytes(acc.invoke(r), depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // an accessor that cannot be read holds nothing we count
                }
            }
            return sum;
        }
        if (v instanceof Iterable<?> it && !(v instanceof Path)) {
            long sum = 0;
            for (Object o : it) {
                sum += payloadBytes(o, depth + 1);
            }
            return sum;
        }
        return 0;
    }

    static boolean hasNaN(Object v) {
        if (v instanceof Double d) {
            return d.isNaN();
        }
        if (v instanceof double[] a) {
            return Arrays.stream(a).anyMatch(Double::isNaN);
        }
        if (v instanceof double[][] a) {
            return Arrays.stream(a).anyMatch(ApiRobustness::hasNaN);
        }
        if (v instanceof Tensor t) {
            return hasNaN(t.toArray());
        }
        if (v instanceof Var x) {
            return hasNaN(x.value()) || x.hasTangent() && hasNaN(x.tangent());
        }
        if (v instanceof Object[] a) {
            return Arrays.stream(a).anyMatch(ApiRobustness::hasNaN);
        }
        if (v instanceof Autodiff.Dual d) {
            return hasNaN(d.value()) || hasNaN(d.tangent());
        }
        if (v instanceof Quadrature.Result r) {
            return Double.isNaN(r.value()) || Double.isNaN(r.error());
        }
        if (v instanceof dlmath.nn.Params p) {
            return hasNaN(p.tensors());
        }
        if (v instanceof Map<?, ?> m) {
            return hasNaN(m.values());
        }
        if (v instanceof Record r) {   // a result record (Step, Trained, Layer.Out, a State, LineSearch.Result)
            for (java.lang.reflect.RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    java.lang.reflect.Method acc = rc.getAccessor();
                    acc.setAccessible(true);
                    if (hasNaN(acc.invoke(r))) {
                        return true;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // an accessor that cannot be read is not a NaN
                }
            }
            return false;
        }
        if (v instanceof Iterable<?> it && !(v instanceof Path)) {   // a Path iterates over Paths (itself, when one name)
            for (Object o : it) {
                if (hasNaN(o)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an argument may legitimately produce NaN or infinities that meet (inf - inf): NaN or infinite input. */
    static boolean hasNonFinite(Object v) {
        if (hasNaN(v)) {
            return true;
        }
        if (v instanceof Double d) {
            return d.isInfinite();
        }
        if (v instanceof double[] a) {
            return Arrays.stream(a).anyMatch(Double::isInfinite);
        }
        if (v instanceof Tensor t) {
            return hasNonFinite(t.toArray());
        }
        if (v instanceof Object[] a) {
            return Arrays.stream(a).anyMatch(ApiRobustness::hasNonFinite);
        }
        if (v instanceof java.util.function.DoubleUnaryOperator) {
            return true;   // a user function may return NaN (x -> NaN is in the table)
        }
        // a user callback of the table (a lambda written in ArgumentMakers: a schedule t -> NaN, a loss
        // returning y): what it returns is the user's, not the library's
        return v != null && v.getClass().getName().startsWith(ArgumentMakers.class.getName() + "$$Lambda");
    }

    /** JVM-written NullPointerException messages ("Cannot invoke ... because ... is null"). */
    static boolean isHelpfulJvmMessage(String msg) {
        return msg == null || msg.startsWith("Cannot ") || msg.contains(" because ");
    }

    /**
     * The claim for one call: an allowed outcome, and a message that names the problem.
     */
    static void claimRobust(Check check, EntryPoint ep, List<Maker> makers, Object[] args) {
        Outcome o = call(ep, args);
        String where = ep + " with " + makers;
        check.note("call", where);
        Claims.that(where + " finished within " + DEADLINE_MS + " ms", !o.kind().equals("hang"));
        long payload = o.kind().equals("returned") ? payloadBytes(o.value(), 0) : 0;
        Claims.atMost(where + ": old-generation growth in bytes beyond the returned value's own "
                + payload + " bytes (heap-safe size policy, HEAP_BUDGET_BYTES)",
                o.heapGrowth() - payload, HEAP_BUDGET_BYTES);
        Claims.atMost(where + ": bytes of the returned value (the table's valid requests stay below RESULT_BUDGET_BYTES)",
                payload, RESULT_BUDGET_BYTES);
        List<String> names = ep.names();
        if (o.kind().equals("returned")) {
            boolean nanIn = Arrays.stream(args).anyMatch(ApiRobustness::hasNonFinite);
            check.label("returned");
            boolean silentNaN = !nanIn && !IEEE_NAN.contains(ep.key()) && hasNaN(o.value());
            if (silentNaN) { // the value is printed only on failure: a valid result can have 10^8 entries (soak seed 30)
                Claims.that(where + " returned a silent NaN: " + o.value(), false);
            }
            return;
        }
        Throwable t = o.error();
        String msg = t.getMessage();
        check.note("exception", t.toString());
        if (t instanceof NullPointerException) {
            check.label("refused: NullPointerException");
            boolean someNull = Arrays.stream(args).anyMatch(a -> a == null || a instanceof Object[] arr
                    && Arrays.asList(arr).contains(null) || a instanceof java.util.Collection<?> coll
                    && coll.stream().anyMatch(java.util.Objects::isNull));
            Claims.that(where + ": a NullPointerException without a null argument: " + t, someNull);
            Claims.that(where + ": the NullPointerException names the parameter (Objects.requireNonNull(arg, \"name\")), "
                    + "not a JVM message: " + msg, !isHelpfulJvmMessage(msg));
            return;
        }
        if (t instanceof IllegalArgumentException) {
            check.label("refused: IllegalArgumentException");
            Claims.that(where + ": the IllegalArgumentException has a message", msg != null && msg.length() >= 10);
            Claims.that(where + ": a null argument is refused by Objects.requireNonNull(arg, \"name\") (a NullPointerException "
                    + "naming the parameter), not by an IllegalArgumentException: " + msg,
                    !msg.contains("must not be null") && !msg.endsWith(" is null"));
            Claims.that(where + ": the message \"" + msg + "\" names the problem (not a JDK-internal message)",
                    namesTheProblem(msg, ep, names, args));
            return;
        }
        if (t instanceof OutOfMemoryError) {
            check.label("refused: OutOfMemoryError (a valid request beyond the heap)");
            return;
        }
        if (t instanceof java.io.UncheckedIOException && msg != null
                && Arrays.stream(args).anyMatch(a -> a instanceof Path pth && msg.contains(pth.toString()))) {
            check.label("refused: UncheckedIOException naming the file (the file system's refusal)");
            return;
        }
        if (t instanceof ArithmeticException && msg != null && (msg.contains("converge") || msg.startsWith("quadrature"))) {
            check.label("refused: ArithmeticException (documented non-convergence)");
            return;
        }
        throw new AssertionError(where + " crashed with " + t, t);
    }

    /**
     * A message names the problem if it says which operation, parameter or value is wrong: it
     * contains the class or method name, a parameter name, or the rendering of an argument.
     */
    static boolean namesTheProblem(String msg, EntryPoint ep, List<String> names, Object[] args) {
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        String cls = ep.member().getDeclaringClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        String method = ep.member() instanceof Method m ? m.getName().toLowerCase(java.util.Locale.ROOT) : cls;
        if (lower.contains(cls) || lower.contains(method)) {
            return true;
        }
        for (String n : names) {
            if (!n.equals("this") && msg.contains(n)) {
                return true;
            }
        }
        for (Object a : args) {
            int[] ints = a instanceof int[] v ? v : a instanceof Integer v ? new int[] {v} : new int[0];
            for (int v : ints) {   // "axis 5 out of range for rank 2", "side -1", "index 3"
                if (msg.contains("axis " + v) || msg.contains("side " + v) || msg.contains("index " + v)) {
                    return true;
                }
            }
            if (a instanceof Number || a instanceof String s && !s.isEmpty()) {
                if (msg.contains(String.valueOf(a))) {
                    return true;
                }
            }
            if (a instanceof Path pth && msg.contains(pth.toString())) {   // "data/x.csv:1: expected 65 fields"
                return true;
            }
            if (a instanceof Tensor t && msg.contains(Arrays.toString(t.shape()))) {
                return true;
            }
            if (a instanceof int[] s && msg.contains(Arrays.toString(s))) {
                return true;
            }
        }
        // an operation named by its own prefix "op: ..." (e.g. "matmul [2] @ [3]: ...", "incomplete gamma: ...")
        return msg.matches("^[A-Za-z][A-Za-z0-9_. $\\[\\],@-]*: .*") && !msg.startsWith("For input string");
    }

    /**
     * The sweep: for every entry point, every argument kind of every parameter with the other
     * parameters at their typical value (the first maker). Every entry point and every kind its
     * parameters accept is called.
     */
    @Property(tries = 1, shrinkSteps = 0)
    void everyEntryPointEveryArgumentKind(Check check) {
        Claims.that("some entry points were found (reflection over " + PACKAGES + ")", ENTRY_POINTS.size() > 100);
        for (int i = 0; i < ENTRY_POINTS.size(); i++) {
            check.example(i);
        }
        check.forAll(Gens.integers(0, ENTRY_POINTS.size() - 1).as("entry point"), i -> {
            EntryPoint ep = ENTRY_POINTS.get(i);
            List<List<Maker>> params = ep.parameterMakers();
            for (int p = 0; p < params.size(); p++) {
                for (Maker mk : params.get(p)) {
                    List<Maker> chosen = new ArrayList<>();
                    for (int q = 0; q < params.size(); q++) {
                        chosen.add(q == p ? mk : params.get(q).get(0));
                    }
                    if (EXCLUDED_KINDS.containsKey(ep.key() + "|" + mk.kind())) {
                        continue;
                    }
                    Object[] args;
                    try {
                        args = make(chosen, new Ctx());
                    } catch (RuntimeException e) {
                        throw new AssertionError("argument maker failed for " + chosen + ": " + e, e);
                    }
                    if (SURVEY) {
                        try {
                            claimRobust(check, ep, chosen, args);
                        } catch (AssertionError e) {
                            System.out.println("RB-01 survey: " + e.getMessage().replace('\n', ' '));
                        }
                    } else {
                        claimRobust(check, ep, chosen, args);
                    }
                }
            }
            if (params.isEmpty()) {
                claimRobust(check, ep, List.of(), new Object[0]);
            }
        });
    }

    /**
     * The pairs: for every entry point with two distribution parameters (KL.divergence, KL.numerical,
     * KL.monteCarlo, ...), every pair of the table's distributions, the other parameters typical. The
     * one-at-a-time sweep never pairs two extreme distributions, and the random combinations hit a given
     * pair once in about 10^5 tries: KL(Exponential(subnormal) || Gamma(1e308, 1e10)) = NaN surfaced only
     * at tries x10, seed 2.
     */
    @Property(tries = 1, shrinkSteps = 0)
    void everyPairOfDistributionsForTwoDistributionParameters(Check check) {
        List<Integer> paired = new ArrayList<>();
        for (int i = 0; i < ENTRY_POINTS.size(); i++) {
            if (distributionParameters(ENTRY_POINTS.get(i)).size() >= 2 && !PAIRS_NOT_SWEPT.containsKey(ENTRY_POINTS.get(i).key())) {
                paired.add(i);
                check.example(paired.size() - 1);
            }
        }
        Claims.that("some entry points take two distributions", !paired.isEmpty());
        check.forAll(Gens.integers(0, paired.size() - 1).as("entry point"), k -> {
            EntryPoint ep = ENTRY_POINTS.get(paired.get(k));
            List<List<Maker>> params = ep.parameterMakers();
            List<Integer> dist = distributionParameters(ep);
            int p1 = dist.get(0);
            int p2 = dist.get(1);
            for (Maker m1 : params.get(p1)) {
                for (Maker m2 : params.get(p2)) {
                    List<Maker> chosen = new ArrayList<>();
                    for (int q = 0; q < params.size(); q++) {
                        chosen.add(q == p1 ? m1 : q == p2 ? m2 : params.get(q).get(0));
                    }
                    claimRobust(check, ep, chosen, make(chosen, new Ctx()));
                }
            }
        });
    }

    /**
     * Entry points with two distribution parameters left to the one-at-a-time sweep and the random
     * combinations, because a pair sweep would cost minutes: each call integrates or samples.
     */
    static final Map<String, String> PAIRS_NOT_SWEPT = Map.of(
            "KL.numerical", "double-exponential quadrature per pair (up to 0.3 s; 625 pairs)",
            "KL.monteCarlo", "draws and evaluates log-densities per pair",
            "KL.monteCarloTerms", "draws and evaluates log-densities per pair");

    /** Indices (receiver first) of the parameters whose type is a distribution type. */
    static List<Integer> distributionParameters(EntryPoint ep) {
        List<Integer> out = new ArrayList<>();
        int offset = ep.isStatic() ? 0 : 1;
        Class<?>[] types = ep.member().getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            if (dlmath.prob.Distribution.class.isAssignableFrom(types[i])) {
                out.add(i + offset);
            }
        }
        return out;
    }

    /** Random combinations: every parameter drawn from its makers at once (shrinks toward typical values). */
    @Property(tries = 1500)
    void randomCombinationsOfArgumentKinds(Check check) {
        Gen<Integer> entry = Gens.integers(0, ENTRY_POINTS.size() - 1).as("entry point");
        Gen<List<Integer>> picks = Gens.lists(Gens.integers(0, 1000), 6, 6).as("maker picks");
        check.forAll(entry, picks, (i, pick) -> {
            EntryPoint ep = ENTRY_POINTS.get(i);
            List<List<Maker>> params = ep.parameterMakers();
            List<Maker> chosen = new ArrayList<>();
            for (int q = 0; q < params.size(); q++) {
                List<Maker> ms = params.get(q);
                chosen.add(ms.get(pick.get(q % pick.size()) % ms.size()));
            }
            for (Maker mk : chosen) {
                check.assume(!EXCLUDED_KINDS.containsKey(ep.key() + "|" + mk.kind()));
            }
            check.label(ep.key());
            if (SURVEY) {
                try {
                    claimRobust(check, ep, chosen, make(chosen, new Ctx()));
                } catch (AssertionError e) {
                    System.out.println("RB-01 survey: " + e.getMessage().replace('\n', ' '));
                }
            } else {
                claimRobust(check, ep, chosen, make(chosen, new Ctx()));
            }
        });
    }

    /**
     * Printing is bounded: {@code Tensor.toString} of more than {@link Tensor#PRINT_THRESHOLD}
     * entries shows, NumPy's way, only the first and last {@link Tensor#PRINT_EDGE_ITEMS} indices of
     * each axis longer than twice that, with "..." between (a 10^8-entry result took minutes and
     * gigabytes to print). Independent side: the expected sequence of cells and "..." by a separate
     * walk over all multi-indices (skip the middle of each long axis once per printed prefix), compared
     * with the tokens of the text; below the threshold every entry, in row-major order.
     */
    @Property(tries = 200)
    void toStringIsSummarizedAboveTheThreshold(Check check) {
        Gen<Integer> side = Gens.elements(1, 2, 6, 7, 40, 1001, 1500);
        check.forAll(Gens.lists(side, 1, 3).as("shape"), sides -> {
            int[] shape = sides.stream().mapToInt(Integer::intValue).toArray();
            long size = 1;
            for (int n : shape) {
                size *= n;
            }
            check.assume(size <= 2_000_000);
            boolean summarize = size > Tensor.PRINT_THRESHOLD;
            check.label(summarize ? "summarized" : "printed in full");
            // measured share 39.5% (>= 35%); P[fewer than 10% of 200] <= exp(-200 KL(0.10 || 0.35)) = 3e-15
            check.cover(10, summarize, "summarized");
            Tensor t = Tensor.arange((int) size).reshape(shape);
            String text = t.toString();
            List<String> tokens = Arrays.stream(text.substring(text.indexOf('\n') + 1).split("[\\[\\],\\s]+"))
                    .filter(tok -> !tok.isEmpty()).toList();
            List<String> expected = new ArrayList<>();
            expectedCells(shape, 0, 0, summarize, expected);
            Claims.that("the cells and ellipses of " + Arrays.toString(shape) + " (expected " + expected.size()
                    + " tokens, got " + tokens.size() + ") are " + firstDifference(expected, tokens), tokens.equals(expected));
            long cells = tokens.stream().filter(tok -> !tok.equals("...")).count();
            Claims.atMost("printed cells", cells, summarize ? Math.pow(2 * Tensor.PRINT_EDGE_ITEMS, shape.length) : size);
        });
    }

    /** The row-major walk: every index, except the middle of an axis longer than 2 e when summarizing. */
    private static void expectedCells(int[] shape, int axis, long offset, boolean summarize, List<String> out) {
        int n = shape[axis];
        long stride = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        int e = Tensor.PRINT_EDGE_ITEMS;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * e && i == e) {
                out.add("...");
                i = n - e - 1;   // continue at n - e
                continue;
            }
            if (axis == shape.length - 1) {
                out.add(Double.toString(offset + i));
            } else {
                expectedCells(shape, axis + 1, offset + i * stride, summarize, out);
            }
        }
    }

    private static String firstDifference(List<String> expected, List<String> got) {
        for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
            if (!expected.get(i).equals(got.get(i))) {
                return "different at token " + i + ": expected " + expected.get(i) + ", got " + got.get(i);
            }
        }
        return expected.size() == got.size() ? "equal" : "of different lengths";
    }

    /** The inventory the page quotes: counts, and that every exclusion still names a real member. */
    @Property(tries = 1, shrinkSteps = 0)
    void inventoryIsComplete(Check check) {
        check.forAll(Gens.constant(0), unused -> {
            Set<String> keys = new java.util.HashSet<>();
            for (String pkg : PACKAGES) {
                for (Class<?> c : classesOf(pkg)) {
                    String cls = c.getName().substring(pkg.length() + 1);
                    keys.add(cls + ".*");
                    keys.add(cls + ".<init>");
                    for (Method m : c.getDeclaredMethods()) {
                        keys.add(cls + "." + m.getName());
                    }
                }
            }
            for (String ex : EXCLUDED.keySet()) {
                Claims.that("excluded entry point " + ex + " exists", keys.contains(ex));
            }
            StringBuilder missing = new StringBuilder();
            MISSING_MAKERS.forEach((type, eps) -> missing.append("\n  ").append(type).append("  (needed by ")
                    .append(new java.util.TreeSet<>(eps)).append(')'));
            Claims.that("every public entry point has makers for its parameter types, or is excluded with a reason. "
                    + "Add makers to ArgumentMakers for these " + MISSING_MAKERS.size() + " types:" + missing,
                    MISSING_MAKERS.isEmpty());
            Map<String, Integer> kinds = new TreeMap<>(ArgumentMakers.kindsByType());
            int parameters = 0;
            int sweepCalls = 0;   // the calls of everyEntryPointEveryArgumentKind, counted without calling
            for (EntryPoint ep : ENTRY_POINTS) {
                List<List<Maker>> params = ep.parameterMakers();
                parameters += params.size();
                sweepCalls += params.isEmpty() ? 1 : 0;
                for (List<Maker> ms : params) {
                    sweepCalls += (int) ms.stream().filter(mk -> !EXCLUDED_KINDS.containsKey(ep.key() + "|" + mk.kind())).count();
                }
            }
            System.out.println("RB-01 inventory: " + ENTRY_POINTS.size() + " entry points in " + PACKAGES + ", "
                    + ArgumentMakers.kindCount() + " argument kinds over " + kinds.size() + " parameter types, "
                    + EXCLUDED.size() + " exclusions; the sweep calls " + parameters + " parameters (receivers included) "
                    + "with " + sweepCalls + " calls");
        });
    }

    static List<EntryPoint> entryPoints() {
        return Collections.unmodifiableList(ENTRY_POINTS);
    }
}
