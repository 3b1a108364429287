package dev.airfoil.saving;

/**
 * The limits a model file must respect before Airfoil allocates anything for it. Every check
 * happens on declared sizes first (zip directory, safetensors header) and again on the bytes
 * actually read, so a hostile file (a zip bomb, a header claiming terabytes) is refused with an
 * {@link InvalidModelFileException} naming the limit instead of exhausting memory.
 *
 * <p>The defaults suit any model that fits in a Java heap; tighten them for files from untrusted
 * sources, loosen {@code maxEntryBytes} never beyond what a Java array can hold.
 *
 * <pre>{@code
 * ModelFileLimits strict = ModelFileLimits.DEFAULT.withMaxTotalBytes(100L << 20);
 * Model m = ModelArchive.load(path, strict);
 * }</pre>
 *
 * @param maxEntries          most entries a zip archive may list
 * @param maxEntryBytes       most uncompressed bytes of one entry (at most {@code Integer.MAX_VALUE - 64})
 * @param maxTotalBytes       most uncompressed bytes of all entries together
 * @param maxCompressionRatio most uncompressed bytes per compressed byte of an entry larger than 64 KiB
 * @param maxJsonBytes        most bytes of a JSON entry ({@code config.json}, {@code metadata.json})
 * @param maxHeaderBytes      most bytes of a safetensors JSON header (safetensors itself allows 100 MB)
 * @param maxTensors          most tensors in one safetensors file
 * @param maxRank             most axes of one tensor
 */
public record ModelFileLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, double maxCompressionRatio,
                              long maxJsonBytes, long maxHeaderBytes, int maxTensors, int maxRank) {
    /** The largest array Airfoil will allocate for one entry. */
    public static final long ARRAY_LIMIT = Integer.MAX_VALUE - 64;

    /** 64 entries, 2 GiB per entry, 16 GiB in all, ratio 100, 64 MiB JSON, 100 MB header, a million tensors, rank 64. */
    public static final ModelFileLimits DEFAULT = new ModelFileLimits(64, ARRAY_LIMIT, 16L << 30, 100.0,
            64L << 20, 100_000_000L, 1_000_000, 64);

    /** Checks that every limit is positive and {@code maxEntryBytes} fits in an array. */
    public ModelFileLimits {
        if (maxEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0 || !(maxCompressionRatio >= 1)
                || maxJsonBytes <= 0 || maxHeaderBytes <= 0 || maxTensors <= 0 || maxRank <= 0) {
            throw new IllegalArgumentException("ModelFileLimits: every limit must be positive (the ratio at least 1)");
        }
        if (maxEntryBytes > ARRAY_LIMIT || maxJsonBytes > ARRAY_LIMIT || maxHeaderBytes > ARRAY_LIMIT) {
            throw new IllegalArgumentException("ModelFileLimits: entry, JSON and header sizes must be at most "
                    + ARRAY_LIMIT + " bytes (a Java array)");
        }
    }

    /** These limits with another total size. */
    public ModelFileLimits withMaxTotalBytes(long bytes) {
        return new ModelFileLimits(maxEntries, Math.min(maxEntryBytes, bytes), bytes, maxCompressionRatio,
                Math.min(maxJsonBytes, bytes), Math.min(maxHeaderBytes, bytes), maxTensors, maxRank);
    }

    /** These limits with another entry count. */
    public ModelFileLimits withMaxEntries(int n) {
        return new ModelFileLimits(n, maxEntryBytes, maxTotalBytes, maxCompressionRatio, maxJsonBytes, maxHeaderBytes,
                maxTensors, maxRank);
    }

    /** These limits with another compression ratio. */
    public ModelFileLimits withMaxCompressionRatio(double ratio) {
        return new ModelFileLimits(maxEntries, maxEntryBytes, maxTotalBytes, ratio, maxJsonBytes, maxHeaderBytes,
                maxTensors, maxRank);
    }

    /** These limits with another safetensors header size. */
    public ModelFileLimits withMaxHeaderBytes(long bytes) {
        return new ModelFileLimits(maxEntries, maxEntryBytes, maxTotalBytes, maxCompressionRatio, maxJsonBytes, bytes,
                maxTensors, maxRank);
    }
}
