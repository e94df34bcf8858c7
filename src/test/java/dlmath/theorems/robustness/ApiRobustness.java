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
        statement = "every public entry point of dlmath.tensor, linalg, autodiff and prob, called with malformed and "
                + "extreme arguments, returns a result without a silent NaN or refuses with an "
                + "IllegalArgumentException naming the problem (a NullPointerException naming the null parameter), "
                + "within a deadline")
@Tag("robustness")
class ApiRobustness {

    /** The packages covered; add "dlmath.optim" and "dlmath.nn" here when they exist. */
    static final List<String> PACKAGES = List.of("dlmath.tensor", "dlmath.linalg", "dlmath.autodiff", "dlmath.prob");

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
    static final Map<String, String> EXCLUDED_KINDS = Map.of(
            "Tensor.randn|always-(1 - ulp) generator", "the JDK's nextGaussian loops forever on it",
            "Linalg.powerIteration|always-(1 - ulp) generator", "the JDK's nextGaussian loops forever on it");

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
                    if (ep.parameterMakers().stream().anyMatch(List::isEmpty)) {
                        UNCOVERED.add(ep.toString());
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

    /** What one call did. */
    record Outcome(String kind, Object value, Throwable error) {
    }

    /** Makes the arguments (maker indices per parameter, the receiver first) and calls. */
    static Outcome call(EntryPoint ep, Object[] args) {
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
        if (v instanceof Iterable<?> it) {
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
        return false;
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
                    && Arrays.asList(arr).contains(null));
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
            claimRobust(check, ep, chosen, make(chosen, new Ctx()));
        });
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
            Claims.that("every public entry point has makers for its parameter types, or is excluded with a reason;"
                    + " without makers: " + UNCOVERED, UNCOVERED.isEmpty());
            Map<String, Integer> kinds = new TreeMap<>(ArgumentMakers.kindsByType());
            System.out.println("RB-01 inventory: " + ENTRY_POINTS.size() + " entry points in " + PACKAGES + ", "
                    + ArgumentMakers.kindCount() + " argument kinds over " + kinds.size() + " parameter types, "
                    + EXCLUDED.size() + " exclusions");
        });
    }

    static List<EntryPoint> entryPoints() {
        return Collections.unmodifiableList(ENTRY_POINTS);
    }
}
