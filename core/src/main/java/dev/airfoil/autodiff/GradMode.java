package dev.airfoil.autodiff;

/**
 * Whether operations on the current thread record themselves for backpropagation.
 *
 * <p>Use {@link #noGrad()} in a try-with-resources block for inference and weight updates:
 * <pre>{@code
 * try (var scope = GradMode.noGrad()) {
 *     w.subInPlace(w.grad().mul(lr));
 * }
 * }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    /** Whether recording is enabled on this thread. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Switches recording off until the returned scope is closed; scopes nest. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Switches recording on until the returned scope is closed (inside a {@link #noGrad()} block). */
    public static Scope enableGrad() {
        return set(true);
    }

    private static Scope set(boolean value) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = value;
        return () -> flag[0] = previous;
    }

    /** A scope that restores the previous mode when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
