package dev.airfoil.data;

import dev.airfoil.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {
    @TempDir
    Path tmp;

    private static CsvData read(CsvReader r, String text) throws IOException {
        return r.read(new StringReader(text), "t.csv");
    }

    private static CsvFormatException fails(CsvReader r, String text) {
        return assertThrows(CsvFormatException.class, () -> read(r, text));
    }

    @Test
    void readsHeaderAndLabelByName() throws IOException {
        CsvData d = read(CsvReader.create().withLabelColumn("label"),
                "a,label,b\n1,0,2.5\n-3e2,1,nan\n\n4, 2 ,inf\n");
        assertArrayEquals(new int[]{3, 2}, d.features().shape());
        assertEquals(DType.FLOAT32, d.features().dtype());
        float[] x = d.features().toFloatArray();
        assertEquals(-300f, x[2]);
        assertTrue(Float.isNaN(x[3]));
        assertEquals(Float.POSITIVE_INFINITY, x[5]);
        assertEquals(DType.INT64, d.labels().dtype());
        assertArrayEquals(new long[]{0, 1, 2}, d.labels().toLongArray());
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals("label", d.labelName());
        assertEquals(3, d.rows());
    }

    @Test
    void readsWithoutHeaderByIndexAndDelimiter() throws IOException {
        CsvData d = read(CsvReader.create().withHeader(false).withDelimiter(';').withLabelColumn(-1),
                "1;2;0.5\n3;4;1.5\n");
        assertEquals(DType.FLOAT32, d.labels().dtype(), "decimal labels load as float32 targets");
        assertArrayEquals(new float[]{0.5f, 1.5f}, d.labels().toFloatArray());
        assertEquals(List.of("column_1", "column_2"), d.featureNames());
        CsvData first = read(CsvReader.create().withHeader(false).withLabelColumn(0), "7,1,2\n8,3,4\n");
        assertArrayEquals(new long[]{7, 8}, first.labels().toLongArray());
        assertArrayEquals(new float[]{1, 2, 3, 4}, first.features().toFloatArray());
    }

    @Test
    void noLabelColumnKeepsEveryColumn() throws IOException {
        CsvData d = read(CsvReader.create(), "x,y\n1,2\n");
        assertNull(d.labels());
        assertArrayEquals(new int[]{1, 2}, d.features().shape());
    }

    @Test
    void categoricalLabelsAreSortedClassIndices() throws IOException {
        CsvData d = read(CsvReader.create().withLabelColumn("species"),
                "w,species\n1,virginica\n2,setosa\n3,\"versicolor\"\n4,setosa\n");
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertArrayEquals(new long[]{2, 0, 1, 0}, d.labels().toLongArray());
    }

    @Test
    void quotedFieldsAndWhitespace() throws IOException {
        CsvData d = read(CsvReader.create().withLabelColumn(2), "\"a,1\",\"b \"\"q\"\"\",c\n \"1\" , 2 ,x\n");
        assertEquals(List.of("a,1", "b \"q\""), d.featureNames());
        assertArrayEquals(new float[]{1, 2}, d.features().toFloatArray());
        CsvData ws = read(CsvReader.create().withHeader(false).withWhitespaceDelimiter(), "  1 2\t3\n4   5 6 \n");
        assertArrayEquals(new int[]{2, 3}, ws.features().shape());
    }

    @Test
    void readsGzipFilesAndSkipsLines() throws IOException {
        Path p = tmp.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("# comment line\nf,g\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8));
        }
        CsvData d = CsvReader.create().withSkipLines(1).withLabelColumn("g").read(p);
        assertArrayEquals(new long[]{0, 1}, d.labels().toLongArray());
    }

    @Test
    void badNumberNamesFileLineAndColumn() {
        CsvFormatException e = fails(CsvReader.create().withLabelColumn(-1), "a,b,y\n1,2,0\n1,abc,1\n");
        assertEquals("t.csv: line 3, column 2 ('b'): cannot parse 'abc' as a number", e.getMessage());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        CsvFormatException empty = fails(CsvReader.create().withHeader(false), "1,2\n3,\n");
        assertTrue(empty.getMessage().contains("line 2, column 2: empty cell (missing value)"), empty.getMessage());
        CsvFormatException javaSuffix = fails(CsvReader.create().withHeader(false), "1,2d\n");
        assertTrue(javaSuffix.getMessage().contains("cannot parse '2d'"), javaSuffix.getMessage());
    }

    @Test
    void aMissingLabelIsAnErrorNotAClassOfItsOwn() throws IOException {
        String expected = "t.csv: line 3, column 3 ('y'): empty cell (missing value); expected a label; fill it in or"
                + " drop the row";
        assertEquals(expected, fails(CsvReader.create().withLabelColumn(-1), "a,b,y\n1,2,0\n1,3,\n2,2,1\n").getMessage());
        assertEquals(expected, fails(CsvReader.create().withLabelColumn("y"), "a,b,y\n1,2,cat\n1,3,\n").getMessage());
        CsvData categorical = read(CsvReader.create().withLabelColumn("y").withLabelType(CsvReader.LabelType.CATEGORICAL),
                "a,b,y\n1,2,cat\n1,3,\n");
        assertEquals(List.of("", "cat"), categorical.classNames(), "an explicit CATEGORICAL type keeps every value");
    }

    @Test
    void wrongColumnCountIsReported() {
        CsvFormatException e = fails(CsvReader.create(), "a,b\n1,2\n1,2,3\n");
        assertTrue(e.getMessage().contains("line 3 has 3 columns, expected 2 as in the header"), e.getMessage());
    }

    @Test
    void labelErrors() {
        CsvFormatException notInt = fails(CsvReader.create().withLabelColumn("y")
                .withLabelType(CsvReader.LabelType.INT64), "x,y\n1,2\n1,2.5\n");
        assertTrue(notInt.getMessage().contains("line 3, column 2 ('y'): cannot parse '2.5' as an integer label"),
                notInt.getMessage());
        CsvFormatException noCol = fails(CsvReader.create().withLabelColumn("z"), "x,y\n1,2\n");
        assertTrue(noCol.getMessage().contains("no column named 'z' in the header; columns are [x, y]"),
                noCol.getMessage());
        CsvFormatException noHeader = fails(CsvReader.create().withHeader(false).withLabelColumn("z"), "1,2\n");
        assertTrue(noHeader.getMessage().contains("no header line"), noHeader.getMessage());
        CsvFormatException range = fails(CsvReader.create().withHeader(false).withLabelColumn(5), "1,2\n");
        assertTrue(range.getMessage().contains("out of range for 2 columns"), range.getMessage());
        CsvFormatException noRows = fails(CsvReader.create(), "\n\n");
        assertTrue(noRows.getMessage().contains("no data rows"), noRows.getMessage());
        CsvFormatException quote = fails(CsvReader.create().withHeader(false), "\"1,2\n");
        assertTrue(quote.getMessage().contains("unterminated quoted field"), quote.getMessage());
    }

    @Test
    void headerOnlyFileGivesZeroRows() throws IOException {
        CsvData d = read(CsvReader.create().withLabelColumn("y"), "x,y\n");
        assertArrayEquals(new int[]{0, 1}, d.features().shape());
        assertArrayEquals(new int[]{0}, d.labels().shape());
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        Path p = tmp.resolve("data.csv");
        Files.writeString(p, "a\nx\n");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvReader.create().read(p));
        assertTrue(e.getMessage().startsWith(p + ": line 2, column 1 ('a')"), e.getMessage());
    }

    /** The bytes of text in an encoding, after a byte order mark. */
    private static byte[] encoded(byte[] bom, String text, java.nio.charset.Charset cs) {
        byte[] body = text.getBytes(cs);
        byte[] out = java.util.Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    @Test
    void decodesUtf16AndUtf8ByTheirByteOrderMark() throws IOException {
        String text = "a,label\n1.5,0\n-2,1\n";
        byte[][] files = {
            encoded(new byte[] {(byte) 0xff, (byte) 0xfe}, text, StandardCharsets.UTF_16LE),
            encoded(new byte[] {(byte) 0xfe, (byte) 0xff}, text, StandardCharsets.UTF_16BE),
            encoded(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text, StandardCharsets.UTF_8),
        };
        for (byte[] bytes : files) {
            CsvData d = CsvReader.create().withLabelColumn("label").read(new java.io.ByteArrayInputStream(bytes), "t.csv");
            assertEquals(List.of("a"), d.featureNames());
            assertArrayEquals(new float[] {1.5f, -2f}, d.features().toFloatArray());
            assertArrayEquals(new long[] {0, 1}, d.labels().toLongArray());
        }
        // gzip-compressed UTF-16 too
        Path gz = tmp.resolve("u16.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(files[0]);
        }
        assertEquals(2, CsvReader.create().withLabelColumn("label").read(gz).rows());
    }

    @Test
    void refusesUtf32AndUnmarkedUtf16NamingTheEncodingAndTheFix() {
        String text = "a,b\n1,2\n";
        byte[][] files = {
            encoded(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}, text, java.nio.charset.Charset.forName("UTF-32LE")),
            encoded(new byte[0], text, StandardCharsets.UTF_16LE),
            encoded(new byte[0], text, StandardCharsets.UTF_16BE),
        };
        String[] named = {"UTF-32 text", "UTF-16 or UTF-32 text without a byte order mark",
            "UTF-16 or UTF-32 text without a byte order mark"};
        for (int i = 0; i < files.length; i++) {
            byte[] bytes = files[i];
            CsvFormatException e = assertThrows(CsvFormatException.class,
                    () -> CsvReader.create().read(new java.io.ByteArrayInputStream(bytes), "u.csv"));
            assertTrue(e.getMessage().startsWith("u.csv: ") && e.getMessage().contains(named[i])
                    && e.getMessage().contains("save it as UTF-8"), e.getMessage());
        }
    }
}
