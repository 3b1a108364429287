package dev.airfoil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code airfoil} command: Keras-style deep learning from the shell. Exit codes: 0 success,
 * 2 usage error, 1 any other error (one line on stderr starting with {@code error:}; {@code --debug}
 * shows the stack trace).
 */
@Command(name = "airfoil", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Keras-style deep learning for Java.",
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Example:", "  airfoil demo        train the seed MLP on the bundled MNIST digits"})
public final class AirfoilCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try 'airfoil --help')");
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new AirfoilCommand());
        cl.setOut(out);
        cl.setErr(err);
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (debug) {
                ex.printStackTrace(err);
            }
            err.println("error: " + ErrorMessages.oneLine(ex));
            err.flush();
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return 2;
        });
        return cl.execute(args);
    }

    /** The entry point of the runnable jar. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }
}
