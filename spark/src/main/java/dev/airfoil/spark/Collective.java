package dev.airfoil.spark;

import org.apache.spark.BarrierTaskContext;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A weighted ring all-reduce between the tasks of a Spark barrier stage (package-private).
 *
 * <p>Spark's barrier stage gives gang scheduling and a rendezvous: once, every task opens a server
 * socket on its executor's host and publishes {@code host:port} with
 * {@link BarrierTaskContext#allGather(String)}; then each task connects to the next one, forming a
 * ring. (Spark's own {@code allGather} cannot carry the per-step traffic: it goes through the
 * driver and polls once a second, so every call costs about a second.)
 *
 * <p>Each reduction is the classic ring all-reduce: {@code N-1} reduce-scatter rounds then
 * {@code N-1} all-gather rounds over {@code N} chunks, so each task sends and receives
 * {@code 2·(N-1)/N·4L} bytes for a vector of {@code L} floats, whatever {@code N}. Each chunk is
 * summed in one fixed order and then copied to every task, so all replicas get bit-identical
 * results.
 */
final class Collective implements AutoCloseable {
    private final BarrierTaskContext ctx;
    private final int rank;
    private final int size;
    private ServerSocket server;
    private Socket toNext;
    private Socket fromPrev;
    private DataOutputStream out;
    private DataInputStream in;
    private ExecutorService sender;
    private long bytesSent;
    private int calls;

    Collective(BarrierTaskContext ctx) {
        this.ctx = ctx;
        this.rank = ctx.partitionId();
        this.size = ctx.getTaskInfos().length;
        if (size > 1) {
            connect();
        }
    }

    private void connect() {
        try {
            String host = ctx.getTaskInfos()[rank].address();
            if (host.contains(":")) {
                host = host.substring(0, host.lastIndexOf(':'));
            }
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            String[] all = ctx.allGather(host + ":" + server.getLocalPort());
            String next = all[(rank + 1) % size];
            int colon = next.lastIndexOf(':');
            toNext = new Socket();
            toNext.setTcpNoDelay(true);
            toNext.connect(new InetSocketAddress(next.substring(0, colon), Integer.parseInt(next.substring(colon + 1))),
                    60_000);
            server.setSoTimeout(600_000);
            fromPrev = server.accept();
            fromPrev.setTcpNoDelay(true);
            out = new DataOutputStream(new BufferedOutputStream(toNext.getOutputStream(), 1 << 16));
            in = new DataInputStream(new BufferedInputStream(fromPrev.getInputStream(), 1 << 16));
            sender = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "airfoil-ring-send-" + rank);
                t.setDaemon(true);
                return t;
            });
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("replica " + rank + " could not join the all-reduce ring: " + e.getMessage(), e);
        }
    }

    /** The result of a reduction: the weighted mean vector and the sums of the weights and scalars. */
    record Reduced(float[] mean, double weightSum, double[] scalarSums) {
    }

    /**
     * Weighted mean of every task's vector, {@code Σ w_p v_p / Σ w_p} (a plain mean when all
     * weights are 0), plus the sums of the extra scalars.
     */
    Reduced weightedMean(float[] vector, double weight, double... scalars) {
        int len = vector.length;
        float[] buf = new float[len + 2 + scalars.length];
        for (int i = 0; i < len; i++) {
            buf[i] = (float) (weight * vector[i]);
        }
        buf[len] = (float) weight;
        buf[len + 1] = 1f;
        for (int i = 0; i < scalars.length; i++) {
            buf[len + 2 + i] = (float) scalars[i];
        }
        allReduceSum(buf);
        calls++;
        double wsum = buf[len];
        float[] mean = new float[len];
        if (wsum > 0) {
            for (int i = 0; i < len; i++) {
                mean[i] = (float) (buf[i] / wsum);
            }
        } else {
            // every weight was zero: nothing to average
            System.arraycopy(vector, 0, mean, 0, len);
        }
        double[] sums = new double[scalars.length];
        for (int i = 0; i < sums.length; i++) {
            sums[i] = buf[len + 2 + i];
        }
        return new Reduced(mean, wsum, sums);
    }

    /** In-place sum over the ring. */
    void allReduceSum(float[] v) {
        if (size == 1) {
            return;
        }
        int[] start = new int[size + 1];
        for (int c = 0; c <= size; c++) {
            start[c] = (int) ((long) v.length * c / size);
        }
        try {
            // reduce-scatter: after round r, chunk (rank - r - 1) holds the sum of r + 2 ranks
            for (int r = 0; r < size - 1; r++) {
                int sendChunk = Math.floorMod(rank - r, size);
                int recvChunk = Math.floorMod(rank - r - 1, size);
                float[] got = exchange(v, start[sendChunk], start[sendChunk + 1], start[recvChunk + 1] - start[recvChunk]);
                for (int i = 0; i < got.length; i++) {
                    v[start[recvChunk] + i] += got[i];
                }
            }
            // all-gather: rank p now owns the full sum of chunk (p + 1) % size
            for (int r = 0; r < size - 1; r++) {
                int sendChunk = Math.floorMod(rank + 1 - r, size);
                int recvChunk = Math.floorMod(rank - r, size);
                float[] got = exchange(v, start[sendChunk], start[sendChunk + 1], start[recvChunk + 1] - start[recvChunk]);
                System.arraycopy(got, 0, v, start[recvChunk], got.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + rank + ": all-reduce failed: " + e.getMessage(), e);
        }
    }

    /** Sends {@code v[from, to)} to the next rank while receiving {@code count} floats from the previous one. */
    private float[] exchange(float[] v, int from, int to, int count) throws IOException {
        ByteBuffer send = ByteBuffer.allocate(4 * (to - from)).order(ByteOrder.LITTLE_ENDIAN);
        send.asFloatBuffer().put(v, from, to - from);
        Future<?> f = sender.submit(() -> {
            out.write(send.array());
            out.flush();
            return null;
        });
        byte[] raw = new byte[4 * count];
        in.readFully(raw);
        float[] got = new float[count];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(got);
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        bytesSent += send.capacity();
        return got;
    }

    /** Whether every task passed the same string (a checksum of its replica); one Spark allGather. */
    boolean allEqual(String mine) {
        String[] all = ctx.allGather(mine);
        for (String s : all) {
            if (!s.equals(mine)) {
                return false;
            }
        }
        return true;
    }

    long bytesSent() {
        return bytesSent;
    }

    int calls() {
        return calls;
    }

    @Override
    public void close() {
        if (sender != null) {
            sender.shutdownNow();
        }
        for (AutoCloseable c : new AutoCloseable[] {out, in, toNext, fromPrev, server}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing anyway
                }
            }
        }
    }
}
