package dev.airfoil.saving.keras;

/**
 * Safety limits applied while reading Keras files, all checked before anything of the declared
 * size is allocated. {@link #DEFAULTS} suits models up to a few hundred million parameters;
 * raise a limit with the {@code with...} methods when a trusted file needs it.
 *
 * @param maxFileBytes        the largest file read (a {@code .h5}, {@code .keras} or JSON file)
 * @param maxZipEntries       the most entries a {@code .keras} zip may hold
 * @param maxEntryBytes       the largest uncompressed size of one zip entry
 * @param maxTotalBytes       the largest total uncompressed size of a zip's entries
 * @param maxCompressionRatio the largest uncompressed/compressed ratio of an entry (zip bombs)
 * @param maxConfigBytes      the largest config JSON or string attribute
 * @param maxTensorElements   the most elements of one weight tensor
 * @param maxDepth            the deepest HDF5 group or config nesting followed
 */
public record KerasLimits(long maxFileBytes, int maxZipEntries, long maxEntryBytes, long maxTotalBytes,
                          int maxCompressionRatio, int maxConfigBytes, long maxTensorElements, int maxDepth) {
    /** Defaults: 2 GiB files and entries, 64 entries, ratio 1000, 64 MiB configs, 2^31-1 elements, depth 64. */
    public static final KerasLimits DEFAULTS = new KerasLimits(Integer.MAX_VALUE - 16L, 64, Integer.MAX_VALUE - 16L,
            Integer.MAX_VALUE - 16L, 1000, 64 << 20, Integer.MAX_VALUE - 16L, 64);

    /** Checks that every limit is positive. */
    public KerasLimits {
        if (maxFileBytes <= 0 || maxZipEntries <= 0 || maxEntryBytes <= 0 || maxTotalBytes <= 0
                || maxCompressionRatio <= 0 || maxConfigBytes <= 0 || maxTensorElements <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("every Keras file limit must be positive");
        }
    }

    /** A copy with another file-size limit (also applied to zip entries and their total). */
    public KerasLimits withMaxFileBytes(long bytes) {
        long b = Math.min(bytes, Integer.MAX_VALUE - 16L);
        return new KerasLimits(b, maxZipEntries, b, b, maxCompressionRatio, maxConfigBytes, maxTensorElements, maxDepth);
    }

    /** A copy with another compression-ratio limit. */
    public KerasLimits withMaxCompressionRatio(int ratio) {
        return new KerasLimits(maxFileBytes, maxZipEntries, maxEntryBytes, maxTotalBytes, ratio, maxConfigBytes,
                maxTensorElements, maxDepth);
    }

    /** A copy with another per-tensor element limit. */
    public KerasLimits withMaxTensorElements(long elements) {
        return new KerasLimits(maxFileBytes, maxZipEntries, maxEntryBytes, maxTotalBytes, maxCompressionRatio,
                maxConfigBytes, elements, maxDepth);
    }
}
