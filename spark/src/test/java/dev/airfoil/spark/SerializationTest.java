package dev.airfoil.spark;

import dev.airfoil.tensor.Tensor;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

import java.util.LinkedHashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What travels as data (examples, task results, broadcast tensors) survives Spark's Java and Kryo
 * serializers without any registration; specs travel inside closures (always Java-serialized).
 */
class SerializationTest {
    @SuppressWarnings("unchecked")
    static <T> T roundTrip(SerializerInstance s, T value) {
        var tag = ClassTag$.MODULE$.<T>apply(value.getClass());
        return (T) s.deserialize(s.serialize(value, tag), tag);
    }

    @Test
    void dataRoundTripThroughJavaAndKryo() {
        SparkConf conf = new SparkConf();
        MultiExample e = new MultiExample(new float[][] {{1, 2, 3}, {4}}, new float[][] {{2}, {0.5f, 1.5f}});
        Example single = Example.labelled(new float[] {1, 2}, 1);
        Tensor t = Tensor.ofLongs(new long[] {3, 1, 2}, 3);
        LinkedHashMap<String, double[]> history = new LinkedHashMap<>();
        history.put("loss", new double[] {0.5, 0.25});
        ReplicaOutput out = new ReplicaOutput(0, new byte[] {1, 2}, new double[] {0.5, 0.25}, history, true, 10, 2, 1.5, 7);
        for (SerializerInstance s : List.of(new JavaSerializer(conf).newInstance(), new KryoSerializer(conf).newInstance())) {
            String who = s.getClass().getSimpleName();
            assertEquals(e, roundTrip(s, e), who);
            assertEquals(single, roundTrip(s, single), who);
            assertArrayEquals(t.toLongArray(), roundTrip(s, TensorData.of(t)).toTensor().toLongArray(), who);
            ReplicaOutput back = roundTrip(s, out);
            assertArrayEquals(out.history().get("loss"), back.history().get("loss"), who);
            assertEquals(7, back.shardSize(), who);
        }
        assertEquals(MultiIoTrainingTest.SPEC, roundTrip(new JavaSerializer(conf).newInstance(), MultiIoTrainingTest.SPEC));
    }
}
