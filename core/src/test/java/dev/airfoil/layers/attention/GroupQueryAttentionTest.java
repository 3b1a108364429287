package dev.airfoil.layers.attention;

import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Names;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GroupQueryAttention beyond the harness and the Keras goldens (KerasSequenceGoldenTest): it is
 * MultiHeadAttention with each key/value head's weights repeated for its query heads, its weight
 * layout and name are Keras's, and bad arguments are clear errors.
 */
class GroupQueryAttentionTest {
    private static Tensor r(long seed, int... shape) {
        return Tensor.randomUniform(seed, -1, 1, shape).cast(DType.FLOAT64);
    }

    /** A key/value kernel (m, kv, h) or bias (kv, h) with every head repeated {@code times} times, as MHA weights. */
    private static Tensor repeatHeads(Tensor w, int times) {
        int[] s = w.shape();
        int axis = s.length - 2;
        List<Tensor> heads = new ArrayList<>();
        for (int i = 0; i < s[axis]; i++) {
            Tensor head = w.slice(axis, i, i + 1);
            for (int t = 0; t < times; t++) {
                heads.add(head);
            }
        }
        return Tensor.concatenate(heads, axis);
    }

    @Test
    void equalsMultiHeadAttentionWithRepeatedKeyValueHeads() {
        GroupQueryAttention gqa = (GroupQueryAttention) Layers.fromConfig("GroupQueryAttention",
                new java.util.LinkedHashMap<>(java.util.Map.of("head_dim", 2, "num_query_heads", 6,
                        "num_key_value_heads", 2, "dtype", "float64")));
        MultiHeadAttention mha = (MultiHeadAttention) Layers.fromConfig("MultiHeadAttention",
                new java.util.LinkedHashMap<>(java.util.Map.of("num_heads", 6, "key_dim", 2, "dtype", "float64")));
        Tensor q = r(1, 2, 3, 5);
        Tensor v = r(2, 2, 4, 5);
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, false, true, true, true, true, false, true}, 2, 4);
        gqa.apply(List.of(q, v), false);
        mha.apply(List.of(q, v), false);
        List<Tensor> gw = new ArrayList<>();
        for (Tensor w : gqa.getWeights()) {
            gw.add(r(10 + gw.size(), w.shape()));
        }
        gqa.setWeights(gw);
        List<Tensor> mw = new ArrayList<>();
        for (int i = 0; i < gw.size(); i++) {
            boolean keyOrValue = i >= 2 && i < 6;
            mw.add(keyOrValue ? repeatHeads(gw.get(i), 3) : gw.get(i));
        }
        mha.setWeights(mw);
        List<Tensor> a = gqa.call(q, v, null, null, java.util.Arrays.asList(null, mask), true, true, false);
        List<Tensor> b = mha.call(q, v, null, null, java.util.Arrays.asList(null, mask), true, true, false);
        assertArrayEquals(new int[] {2, 6, 3, 4}, a.get(1).shape());
        for (int i = 0; i < 2; i++) {
            assertTrue(a.get(i).allClose(b.get(i), 1e-12, 1e-12), "output " + i);
        }
    }

    @Test
    void weightLayoutAndNameFollowKeras() {
        Names.clearSession();
        GroupQueryAttention gqa = GroupQueryAttention.builder(3, 4, 2).build();
        assertEquals("grouped_query_attention", gqa.name());
        assertEquals("GroupQueryAttention", gqa.className());
        assertEquals("GroupedQueryAttention", gqa.typeName());
        gqa.apply(List.of(r(20, 1, 2, 6), r(21, 1, 3, 6), r(22, 1, 3, 5)), false);
        int[][] want = {{6, 4, 3}, {4, 3}, {5, 2, 3}, {2, 3}, {6, 2, 3}, {2, 3}, {4, 3, 6}, {6}};
        String[] names = {"query/kernel", "query/bias", "key/kernel", "key/bias", "value/kernel", "value/bias",
            "attention_output/kernel", "attention_output/bias"};
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], gqa.weights().get(i).shape(), names[i]);
            assertEquals(names[i], gqa.weights().get(i).name());
        }
        assertEquals(List.of("name", "trainable", "dtype", "head_dim", "num_query_heads", "num_key_value_heads",
                "use_bias", "use_gate", "sliding_window", "dropout", "kernel_initializer", "bias_initializer",
                "kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                "bias_constraint", "seed"), new ArrayList<>(gqa.getConfig().keySet()));
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertEquals("GroupQueryAttention: num_query_heads must be divisible by num_key_value_heads, got 5 and 2;"
                + " e.g. num_query_heads=4 or num_key_value_heads=1", assertThrows(IllegalArgumentException.class,
                () -> GroupQueryAttention.builder(2, 5, 2).build()).getMessage());
        assertEquals("GroupQueryAttention: head_dim, num_query_heads and num_key_value_heads must be positive, got"
                + " 0, 4 and 2", assertThrows(IllegalArgumentException.class,
                () -> GroupQueryAttention.builder(0, 4, 2).build()).getMessage());
        assertEquals("GroupQueryAttention: dropout must be in [0, 1), got 1.5", assertThrows(
                IllegalArgumentException.class, () -> GroupQueryAttention.builder(2, 4, 2).dropout(1.5).build())
                .getMessage());
        assertEquals("GroupQueryAttention: dropout is not supported with flash_attention=true (got dropout=0.1);"
                + " set dropout to 0 or flash_attention to false", assertThrows(IllegalArgumentException.class,
                () -> GroupQueryAttention.builder(2, 4, 2).dropout(0.1).flashAttention(true).build()).getMessage());
        GroupQueryAttention flash = GroupQueryAttention.builder(2, 4, 2).flashAttention(true).name("g").build();
        Tensor q = r(30, 1, 2, 4);
        assertEquals(1, flash.call(q, q, null, null, null, false, true, false).size());
        assertEquals("Layer 'g' (GroupQueryAttention): attention scores cannot be returned with flash_attention=true;"
                + " build the layer with flash_attention false to get them", assertThrows(
                IllegalArgumentException.class, () -> flash.call(q, q, null, null, null, true, false, false))
                .getMessage());
        java.util.Map<String, Object> gate = new java.util.LinkedHashMap<>(GroupQueryAttention.builder(2, 4, 2).build()
                .getConfig());
        gate.put("use_gate", true);
        assertThrows(UnsupportedOperationException.class, () -> Layers.fromConfig("GroupQueryAttention", gate));
    }
}
