package dev.airfoil.data;

/**
 * A CSV file with a cell that is not a number, a row with the wrong number of columns, or an
 * unknown label column. The message names the file, the 1-based line and the 1-based column (and the
 * column's header name when there is one), for example
 * {@code "iris.csv: line 12, column 3 ('petal_length'): cannot parse 'abc' as a number"}.
 */
public class CsvFormatException extends InvalidDataFileException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final int column;

    /**
     * Creates the exception.
     *
     * @param source  the file name
     * @param line    the 1-based line number, or 0 when the problem is not tied to a line
     * @param column  the 1-based column number, or 0 when the problem is not tied to a column
     * @param problem what is wrong
     */
    public CsvFormatException(String source, long line, int column, String problem) {
        super(source, problem);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line number, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** The 1-based column number, or 0 when the problem is not tied to a column. */
    public int column() {
        return column;
    }
}
