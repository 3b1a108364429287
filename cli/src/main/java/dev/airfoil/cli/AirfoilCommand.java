package dev.airfoil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The {@code airfoil} command: Keras-style deep learning from the shell. Exit codes: 0 success,
 * 2 usage error (a wrong or missing option, with a hint to {@code --help}), 1 any other error (one
 * line on stderr starting with {@code error:} that says what to fix; {@code --debug} adds the stack
 * trace).
 *
 * <p>Subcommands: {@code demo}, {@code datasets}, {@code summary}, {@code plot}, {@code train},
 * {@code evaluate}, {@code predict}, {@code convert}, the generalisation toolkit ({@code cv},
 * {@code bootstrap}, {@code bias-variance}, {@code bagging}, {@code boosting}) and, when present in
 * the build, {@code bench}.
 */
@Command(name = "airfoil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keras-style deep learning for Java: train, evaluate, inspect and convert models from the shell.",
        subcommands = {DemoCommand.class, DatasetsCommand.class, SummaryCommand.class, PlotCommand.class,
            TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ConvertCommand.class,
            CvCommand.class, BootstrapCommand.class, BiasVarianceCommand.class, BaggingCommand.class,
            BoostingCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success, 2 usage error, 1 any other error (--debug shows the stack trace).",
            "", "Examples:",
            "  airfoil demo                 train the seed MLP on the bundled MNIST digits",
            "  airfoil datasets             list the bundled data sets",
            "  airfoil train mlp.json --data iris:train --loss mse --save iris.airfoil",
            "  airfoil train --help         every option of a command"})
public final class AirfoilCommand implements Runnable {
    /** Commands written elsewhere, added when their class is in the build. */
    private static final String[] OPTIONAL = {"dev.airfoil.cli.bench.BenchCommand"};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Shown in the help only: {@link #execute} takes {@code --debug} out of the arguments wherever it stands. */
    @Option(names = "--debug", description = "Show the stack trace of an error (accepted after any command).")
    boolean debug;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try 'airfoil --help')");
    }

    /** The configured command line (subcommands registered, error handlers not yet set). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AirfoilCommand());
        for (String name : OPTIONAL) {
            try {
                Class<?> c = Class.forName(name);
                cl.addSubcommand(c.getDeclaredConstructor().newInstance());
            } catch (ClassNotFoundException e) {
                // not part of this build
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create command " + name, e);
            }
        }
        return cl;
    }

    /**
     * Runs the command line and returns the exit code.
     *
     * @param args the arguments
     * @param out  standard output of picocli's help and version text
     * @param err  where errors go
     * @return 0 on success, 2 on a usage error, 1 on any other error
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cl;
        try {
            cl = commandLine();
        } catch (RuntimeException e) {
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("error: " + ErrorMessages.oneLine(e));
            err.flush();
            return 1;
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            System.out.flush();
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("error: " + ErrorMessages.oneLine(ex));
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("error: " + ErrorMessages.usage(ex));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return 2;
        });
        try {
            return cl.execute(rest);
        } catch (Throwable t) {
            // an error outside the command (picocli's own, out of memory while parsing): still one line
            if (debug) {
                t.printStackTrace(err);
            }
            err.println("error: " + ErrorMessages.oneLine(t));
            err.flush();
            return 1;
        }
    }

    /**
     * Keeps the HDF5 reader's logging facade (SLF4J, with no logging backend in the jar) from
     * printing its three "No SLF4J providers were found" lines on stderr whenever an {@code .h5}
     * file is read, so that an error stays one line. A value given with {@code -D} wins.
     */
    static void quietLibraryLogging() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /**
     * The entry point of the runnable jar.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        quietLibraryLogging();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }
}
