"""Golden trajectories for Keras 3.15.1 optimizers and LR schedules -> optimizers.json."""
import golden_common as gc
from golden_common import f32, np, keras

O = keras.optimizers
S = keras.optimizers.schedules
rng = np.random.default_rng(20240503)

INIT_KERNEL = gc.rounded_normal(rng, 0.5, (3, 2))
INIT_BIAS = f32([0.1, -0.2])
STEPS = 6
GRADS = [[gc.rounded_normal(rng, 1.0, (3, 2)), gc.rounded_normal(rng, 1.0, (2,))] for _ in range(STEPS)]

SCHEDULES = [
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5}),
    ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 3, "decay_rate": 0.5, "staircase": True}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5}),
    ("InverseTimeDecay", {"initial_learning_rate": 0.1, "decay_steps": 2, "decay_rate": 0.5, "staircase": True}),
    ("PiecewiseConstantDecay", {"boundaries": [2, 4], "values": [0.1, 0.05, 0.01]}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 4, "end_learning_rate": 0.01, "power": 2.0}),
    ("PolynomialDecay", {"initial_learning_rate": 0.1, "decay_steps": 4, "end_learning_rate": 0.01, "power": 2.0, "cycle": True}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 8}),
    ("CosineDecay", {"initial_learning_rate": 0.1, "decay_steps": 8, "alpha": 0.1}),
    ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 6, "warmup_target": 0.1, "warmup_steps": 4}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 3}),
    ("CosineDecayRestarts", {"initial_learning_rate": 0.1, "first_decay_steps": 2, "t_mul": 1.5, "m_mul": 0.8, "alpha": 0.05}),
]


def sched_id(name, kw):
    return name + "(" + ",".join(f"{k}={v}" for k, v in kw.items()) + ")"


schedules = []
for name, kw in SCHEDULES:
    s = getattr(S, name)(**kw)
    schedules.append({"id": sched_id(name, kw), "class": name, "kwargs": kw, "config": s.get_config(),
                      "steps": list(range(11)),
                      "values": [np.asarray(s(step)) for step in range(11)]})

CASES = [
    ("SGD", {"learning_rate": 0.1}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True}),
    ("Adam", {}),
    ("Adam", {"learning_rate": 0.01}),
    ("Adam", {"amsgrad": True}),
    ("AdamW", {}),
    ("AdamW", {"learning_rate": 0.01, "weight_decay": 0.004}),
    ("RMSprop", {}),
    ("RMSprop", {"centered": True}),
    ("RMSprop", {"momentum": 0.5}),
    ("RMSprop", {"learning_rate": 0.01, "momentum": 0.5, "centered": True}),
    ("Adagrad", {}),
    ("Adagrad", {"learning_rate": 0.1}),
    ("Adadelta", {}),
    ("Adadelta", {"learning_rate": 1.0}),
    ("Adamax", {}),
    ("Nadam", {}),
    ("Lion", {}),
    ("Lion", {"learning_rate": 0.01, "beta_1": 0.95, "beta_2": 0.98}),
    ("Ftrl", {}),
    ("Ftrl", {"learning_rate": 0.1}),
    ("Ftrl", {"learning_rate": 0.1, "l1_regularization_strength": 0.01, "l2_regularization_strength": 0.02, "beta": 0.5}),
    ("Ftrl", {"learning_rate": 0.1, "l2_shrinkage_regularization_strength": 0.05, "learning_rate_power": -0.3}),
    ("Lamb", {}),
    ("Adafactor", {}),
    # generic optimizer options
    ("SGD", {"learning_rate": 0.1, "clipnorm": 0.5}),
    ("SGD", {"learning_rate": 0.1, "clipvalue": 0.1}),
    ("SGD", {"learning_rate": 0.1, "global_clipnorm": 0.5}),
    ("SGD", {"learning_rate": 0.1, "weight_decay": 0.01}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "use_ema": True, "ema_momentum": 0.9}),
    ("SGD", {"learning_rate": 0.1, "use_ema": True, "ema_momentum": 0.9, "ema_overwrite_frequency": 3}),
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "gradient_accumulation_steps": 2}),
    ("Adam", {"learning_rate": 0.01, "clipnorm": 0.5}),
    ("Adam", {"learning_rate": 0.01, "clipvalue": 0.1}),
    ("Adam", {"learning_rate": 0.01, "global_clipnorm": 0.5}),
    ("Adam", {"learning_rate": 0.01, "weight_decay": 0.01}),
    ("Adam", {"learning_rate": 0.01, "use_ema": True, "ema_momentum": 0.9, "ema_overwrite_frequency": 3}),
    ("Adam", {"learning_rate": 0.01, "gradient_accumulation_steps": 2}),
]
# one optimizer per schedule (SGD makes the learning rate directly visible), and Adam + CosineDecay
for name, kw in SCHEDULES:
    CASES.append(("SGD", {"learning_rate": (name, kw)}))
CASES.append(("Adam", {"learning_rate": ("CosineDecay", {"initial_learning_rate": 0.0, "decay_steps": 6,
                                                         "warmup_target": 0.01, "warmup_steps": 4})}))
# more options of every optimizer, appended so the earlier records stay byte-identical; each of these
# starts from a fresh Keras session, so its auto-named variables do not depend on the cases before
FIRST_FRESH_CASE = len(CASES)
CASES += [
    ("SGD", {"learning_rate": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("RMSprop", {"learning_rate": 0.01, "rho": 0.8, "momentum": 0.3, "centered": True, "weight_decay": 0.01}),
    ("RMSprop", {"learning_rate": 0.01, "epsilon": 0.1}),
    ("Adam", {"learning_rate": 0.01, "beta_1": 0.5, "beta_2": 0.9, "epsilon": 0.01, "amsgrad": True}),
    ("AdamW", {"learning_rate": 0.01, "amsgrad": True, "weight_decay": 0.1}),
    ("Adamax", {"learning_rate": 0.01, "weight_decay": 0.05}),
    ("Adamax", {"learning_rate": 0.01, "beta_1": 0.5, "epsilon": 0.1}),
    ("Nadam", {"learning_rate": 0.01, "weight_decay": 0.05}),
    ("Nadam", {"learning_rate": 0.01, "beta_1": 0.5, "beta_2": 0.9}),
    ("Adagrad", {"learning_rate": 0.1, "initial_accumulator_value": 0.5, "epsilon": 0.01}),
    ("Adadelta", {"learning_rate": 1.0, "rho": 0.5, "epsilon": 0.01}),
    ("Lion", {"learning_rate": 0.01, "weight_decay": 0.1}),
    ("Lamb", {"learning_rate": 0.01, "weight_decay": 0.01}),
    ("Lamb", {"learning_rate": 0.01, "beta_1": 0.5, "epsilon": 0.001}),
    ("Adafactor", {"learning_rate": 0.1, "relative_step": False}),
    ("Adafactor", {"learning_rate": 0.01, "clip_threshold": 0.5, "beta_2_decay": -0.5, "epsilon_2": 0.01}),
    ("Ftrl", {"learning_rate": 0.1, "initial_accumulator_value": 0.5}),
    ("Adam", {"learning_rate": 0.01, "use_ema": True, "ema_momentum": 0.5}),
    ("Adam", {"learning_rate": 0.01, "weight_decay": 0.01, "global_clipnorm": 0.5}),
    ("SGD", {"learning_rate": 0.1, "gradient_accumulation_steps": 3, "clipnorm": 0.5}),
    ("SGD", {"learning_rate": 0.1, "loss_scale_factor": 4.0}),
    ("SGD", {"learning_rate": ("ExponentialDecay", {"initial_learning_rate": 0.1, "decay_steps": 1, "decay_rate": 0.5}),
             "gradient_accumulation_steps": 2}),
]


def build_kwargs(kw):
    out, shown = {}, {}
    for k, v in kw.items():
        if k == "learning_rate" and isinstance(v, tuple):
            out[k] = getattr(S, v[0])(**v[1])
            shown[k] = {"schedule": v[0], "kwargs": v[1]}
        else:
            out[k] = v
            shown[k] = v
    return out, shown


records = []
for name, kw in CASES:
    kwargs, shown = build_kwargs(kw)
    rec = {"id": name + "(" + ",".join(
        f"{k}={sched_id(*v) if isinstance(v, tuple) else v}" for k, v in kw.items()) + ")",
        "class": name, "kwargs": shown}
    if len(records) >= FIRST_FRESH_CASE:
        keras.backend.clear_session()  # auto-names (Nadam's "variable") independent of the cases before
    try:
        opt = getattr(O, name)(**kwargs)
        kernel = keras.Variable(INIT_KERNEL.copy(), name="kernel")
        bias = keras.Variable(INIT_BIAS.copy(), name="bias")
        steps = []
        for t in range(STEPS):
            lr_before = np.asarray(opt._get_current_learning_rate())
            opt.apply_gradients(list(zip(GRADS[t], [kernel, bias])))
            steps.append({
                "step": t + 1,
                "learning_rate_before_step": lr_before,
                "iterations_after": int(np.asarray(opt.iterations)),
                "kernel": np.asarray(kernel), "bias": np.asarray(bias),
            })
        rec["config"] = opt.get_config()
        rec["steps"] = steps
        rec["optimizer_variables"] = [{"name": v.name, "path": v.path, "shape": list(v.shape),
                                       "dtype": str(v.dtype), "value": np.asarray(v)} for v in opt.variables]
        if getattr(opt, "use_ema", False):
            # finalize_variable_values() swaps in the EMA values (what fit() does at the end)
            opt.finalize_variable_values([kernel, bias])
            rec["after_finalize_variable_values"] = {"kernel": np.asarray(kernel), "bias": np.asarray(bias)}
    except Exception as e:
        rec["error"] = f"{type(e).__name__}: {e}"
    records.append(rec)

gc.write_json("optimizers.json", {
    "meta": gc.meta(
        "Each optimizer starts from fresh variables kernel (3,2) and bias (2,) with the initial values "
        "below and applies the 6 fixed gradient pairs with apply_gradients([(g_kernel, kernel), "
        "(g_bias, bias)]), one call per step. Values after each step, the config, and the final "
        "optimizer variables (slots) are recorded. learning_rate_before_step is the optimizer's "
        "current learning rate before that apply_gradients call (for a schedule: schedule(iterations "
        "before the step)). Schedules: value of schedule(step) for step 0..10."),
    "initial": {"kernel": INIT_KERNEL, "bias": INIT_BIAS},
    "gradients": [{"kernel": g[0], "bias": g[1]} for g in GRADS],
    "schedules": schedules,
    "optimizers": records,
})
