package dev.airfoil.saving.keras;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A writer for the small subset of HDF5 that Keras weight files use: groups, contiguous
 * little-endian float32/float64 datasets of any rank, int64 datasets (an optimizer's iteration counter), and fixed-length UTF-8 string attributes.
 *
 * <p>It writes the HDF5 1.8 file format: superblock version 2, version-2 object headers
 * ({@code OHDR}) with Jenkins lookup3 checksums, "new-style" compact groups (link-info, group-info
 * and link messages in the group's header) and contiguous data layout. h5py and the HDF5 C
 * library open these files (checked by {@code tools/golden/check_airfoil_export.py}); jHDF reads
 * them too. It exists because jHDF 0.13.0's writer produces files h5py rejects ("bad object header
 * version number") as soon as a dataset is followed by another group — exactly Keras's layout.
 */
final class Hdf5Writer {
    private static final long UNDEF = -1L;

    /** A group: children (groups or datasets) and string attributes, in insertion order. */
    static final class GroupNode {
        final Map<String, Object> children = new LinkedHashMap<>();
        final Map<String, String> attributes = new LinkedHashMap<>();

        /** The child group of this name, created when absent. */
        GroupNode group(String name) {
            checkName(name);
            Object c = children.computeIfAbsent(name, k -> new GroupNode());
            if (!(c instanceof GroupNode)) {
                throw new IllegalArgumentException("'" + name + "' is a dataset, not a group");
            }
            return (GroupNode) c;
        }

        /** Adds a float32 dataset. */
        void dataset(String name, int[] shape, float[] data) {
            add(name, new DataNode(shape.clone(), data, null, null));
        }

        /** Adds a float64 dataset. */
        void dataset(String name, int[] shape, double[] data) {
            add(name, new DataNode(shape.clone(), null, data, null));
        }

        /** Adds a signed little-endian int64 dataset. */
        void dataset(String name, int[] shape, long[] data) {
            add(name, new DataNode(shape.clone(), null, null, data));
        }

        private void add(String name, DataNode d) {
            checkName(name);
            long n = 1;
            for (int s : d.shape) {
                n *= s;
            }
            if (n != d.length()) {
                throw new IllegalArgumentException("dataset '" + name + "': shape holds " + n + " values, data " + d.length());
            }
            if (children.putIfAbsent(name, d) != null) {
                throw new IllegalArgumentException("'" + name + "' exists already");
            }
        }

        /** Sets a string attribute. */
        void attribute(String name, String value) {
            attributes.put(name, value);
        }
    }

    private record DataNode(int[] shape, float[] f32, double[] f64, long[] i64) {
        int length() {
            return f32 != null ? f32.length : f64 != null ? f64.length : i64.length;
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.indexOf('\0') >= 0
                || name.getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw new IllegalArgumentException("not a valid HDF5 link name: '" + name + "'");
        }
    }

    private final GroupNode root = new GroupNode();
    private Buf out;

    /** The root group. */
    GroupNode root() {
        return root;
    }

    /** The whole file. */
    byte[] toBytes() {
        out = new Buf();
        out.zeros(48); // superblock, patched at the end
        long rootAddr = writeGroup(root);
        long eof = out.size();
        Buf sb = new Buf();
        sb.bytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        sb.u8(2).u8(8).u8(8).u8(0);
        sb.u64(0).u64(UNDEF).u64(eof).u64(rootAddr);
        sb.u32(lookup3(sb.toArray(), 0, sb.size()));
        byte[] file = out.toArray();
        System.arraycopy(sb.toArray(), 0, file, 0, 48);
        return file;
    }

    private long writeGroup(GroupNode g) {
        Map<String, Long> addrs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : g.children.entrySet()) {
            addrs.put(e.getKey(), e.getValue() instanceof GroupNode ? writeGroup((GroupNode) e.getValue())
                    : writeDataset((DataNode) e.getValue()));
        }
        Buf msgs = new Buf();
        // link info: version 0, no creation order, compact storage (no fractal heap, no name index)
        message(msgs, 0x02, new Buf().u8(0).u8(0).u64(UNDEF).u64(UNDEF));
        message(msgs, 0x0A, new Buf().u8(0).u8(0)); // group info, defaults
        for (Map.Entry<String, Long> e : addrs.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            Buf l = new Buf().u8(1);
            if (name.length < 256) {
                l.u8(0x10).u8(1).u8(name.length);
            } else {
                l.u8(0x11).u8(1).u16(name.length);
            }
            l.bytes(name).u64(e.getValue());
            message(msgs, 0x06, l);
        }
        attributes(msgs, g.attributes);
        return header(msgs);
    }

    private long writeDataset(DataNode d) {
        out.align(8);
        long dataAddr = out.size();
        long nbytes;
        if (d.f32 != null) {
            for (float v : d.f32) {
                out.u32(Float.floatToRawIntBits(v));
            }
            nbytes = 4L * d.f32.length;
        } else if (d.f64 != null) {
            for (double v : d.f64) {
                out.u64(Double.doubleToRawLongBits(v));
            }
            nbytes = 8L * d.f64.length;
        } else {
            for (long v : d.i64) {
                out.u64(v);
            }
            nbytes = 8L * d.i64.length;
        }
        Buf msgs = new Buf();
        message(msgs, 0x01, dataspace(d.shape));
        message(msgs, 0x03, d.f32 != null ? float32Type() : d.f64 != null ? float64Type() : int64Type());
        message(msgs, 0x05, new Buf().u8(3).u8(0x09)); // fill value v3: allocation early, write if set, none defined
        message(msgs, 0x08, new Buf().u8(3).u8(1).u64(nbytes == 0 ? UNDEF : dataAddr).u64(nbytes));
        return header(msgs);
    }

    private static Buf dataspace(int[] shape) {
        Buf b = new Buf().u8(2).u8(shape.length).u8(0).u8(shape.length == 0 ? 0 : 1);
        for (int s : shape) {
            b.u64(s);
        }
        return b;
    }

    private static Buf float32Type() {
        return new Buf().u8(0x11).u8(0x20).u8(31).u8(0).u32(4)
                .u16(0).u16(32).u8(23).u8(8).u8(0).u8(23).u32(127);
    }

    private static Buf float64Type() {
        return new Buf().u8(0x11).u8(0x20).u8(63).u8(0).u32(8)
                .u16(0).u16(64).u8(52).u8(11).u8(0).u8(52).u32(1023);
    }

    /** Fixed-point class, version 1, little-endian, signed; 8 bytes, offset 0, precision 64. */
    private static Buf int64Type() {
        return new Buf().u8(0x10).u8(0x08).u8(0).u8(0).u32(8).u16(0).u16(64);
    }

    private static void attributes(Buf msgs, Map<String, String> attrs) {
        for (Map.Entry<String, String> a : attrs.entrySet()) {
            byte[] name = (a.getKey() + "\0").getBytes(StandardCharsets.UTF_8);
            byte[] value = (a.getValue() + "\0").getBytes(StandardCharsets.UTF_8);
            // fixed-length string, null-terminated, UTF-8
            Buf type = new Buf().u8(0x13).u8(0x10).u8(0).u8(0).u32(value.length);
            Buf space = dataspace(new int[0]);
            Buf m = new Buf().u8(3).u8(0).u16(name.length).u16(type.size()).u16(space.size()).u8(1)
                    .bytes(name).bytes(type.toArray()).bytes(space.toArray()).bytes(value);
            message(msgs, 0x0C, m);
        }
    }

    private static void message(Buf msgs, int type, Buf data) {
        if (data.size() > 65535) {
            throw new IllegalArgumentException("HDF5 header message too large: " + data.size() + " bytes");
        }
        msgs.u8(type).u16(data.size()).u8(0).bytes(data.toArray());
    }

    /** Writes a version-2 object header holding these messages and returns its address. */
    private long header(Buf msgs) {
        long addr = out.size();
        Buf h = new Buf();
        h.bytes(new byte[] {'O', 'H', 'D', 'R'}).u8(2).u8(0x02).u32(msgs.size()).bytes(msgs.toArray());
        byte[] hb = h.toArray();
        h.u32(lookup3(hb, 0, hb.length));
        out.bytes(h.toArray());
        return addr;
    }

    /** Bob Jenkins' lookup3 {@code hashlittle} with initial value 0, HDF5's metadata checksum. */
    static int lookup3(byte[] k, int off, int length) {
        int a = 0xdeadbeef + length;
        int b = a;
        int c = a;
        int i = off;
        int len = length;
        while (len > 12) {
            a += u(k[i]) | u(k[i + 1]) << 8 | u(k[i + 2]) << 16 | u(k[i + 3]) << 24;
            b += u(k[i + 4]) | u(k[i + 5]) << 8 | u(k[i + 6]) << 16 | u(k[i + 7]) << 24;
            c += u(k[i + 8]) | u(k[i + 9]) << 8 | u(k[i + 10]) << 16 | u(k[i + 11]) << 24;
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            len -= 12;
            i += 12;
        }
        if (len == 0) {
            return c;
        }
        switch (len) {
            case 12: c += u(k[i + 11]) << 24; // fall through
            case 11: c += u(k[i + 10]) << 16; // fall through
            case 10: c += u(k[i + 9]) << 8; // fall through
            case 9: c += u(k[i + 8]); // fall through
            case 8: b += u(k[i + 7]) << 24; // fall through
            case 7: b += u(k[i + 6]) << 16; // fall through
            case 6: b += u(k[i + 5]) << 8; // fall through
            case 5: b += u(k[i + 4]); // fall through
            case 4: a += u(k[i + 3]) << 24; // fall through
            case 3: a += u(k[i + 2]) << 16; // fall through
            case 2: a += u(k[i + 1]) << 8; // fall through
            default: a += u(k[i]);
        }
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int u(byte b) {
        return b & 0xff;
    }

    /** A little-endian byte buffer. */
    private static final class Buf {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Buf u8(int v) {
            b.write(v);
            return this;
        }

        Buf u16(int v) {
            return u8(v).u8(v >>> 8);
        }

        Buf u32(int v) {
            return u16(v).u16(v >>> 16);
        }

        Buf u64(long v) {
            return u32((int) v).u32((int) (v >>> 32));
        }

        Buf bytes(byte[] v) {
            b.write(v, 0, v.length);
            return this;
        }

        Buf zeros(int n) {
            return bytes(new byte[n]);
        }

        void align(int n) {
            while (b.size() % n != 0) {
                b.write(0);
            }
        }

        int size() {
            return b.size();
        }

        byte[] toArray() {
            return b.toByteArray();
        }
    }
}
