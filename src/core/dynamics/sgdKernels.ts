// The per-neuron passes over d of the SGD step (sgd.ts, docs/model.md §10) as a tiny WebAssembly
// module with two-lane f64 SIMD: scalar JavaScript tops out near one multiply-add per cycle,
// which leaves the SGD example minutes from its end. Each pass is bit-identical to its
// JavaScript twin in sgd.ts: the lanes of two f64x2 accumulators are the partial sums (s0, s1)
// and (s2, s3), every product is rounded before its addition (f64x2.mul then f64x2.add, never
// fused), the remainder of d runs on s0 alone and the sums combine as (s0 + s1) + (s2 + s3); so
// the same seed gives the same run with or without SIMD. All addresses are byte offsets into
// the module's memory, where the caller keeps the weights and the samples (sgdLayout.ts). The
// same module takes whole steps, the sampler included (`steps`: sgdSteps.ts, sgdRowSweeps.ts,
// sgdNormals.ts), so JavaScript calls it once per chunk of steps.
import { F64, I32, V128, f64Load, f64Store, get, i32Const, moduleBytes, op, set, v128Load, v128Store, type FunctionSpec } from './wasmBytes.ts';
import { logsFunction } from './sgdLog.ts';
import { normalsFunction } from './sgdNormals.ts';
import { stepBatchRowsFunction, stepsFunction, type StepCallees } from './sgdSteps.ts';
import { rowCoefficientsFunction, rowDotsFunction, rowUpdatesFunction, stepRowsFunction, type SweepIndices } from './sgdRowSweeps.ts';

const { i32Add, i32Shl, i32ShrU, i32GeU, i32LtU, f64Add, f64Mul, f64x2Add, f64x2Mul, f64x2Splat, f64x2Lane, block, loop, end, brIf } = op;

/**
 * the module's functions, in the order moduleBytes is given them; the sampler's logarithm is
 * Rng.normal's own (math/log.ts) written in the module (sgdLog.ts), so the module's samples are
 * the very doubles Rng.normal draws, in the page and in the CLI alike
 */
const ORDER = [
  'rowDot', 'scaleAddRow', 'batchRow', 'stepRows', 'normals', 'stepBatchRows', 'steps',
  'scaleAddDotRow', 'rowDots', 'rowCoefficients', 'rowUpdates', 'logs',
] as const;
const indexOf = (name: (typeof ORDER)[number]) => ORDER.indexOf(name);
const ROW_DOT = indexOf('rowDot'), SCALE_ADD_ROW = indexOf('scaleAddRow'), BATCH_ROW = indexOf('batchRow');
const NORMALS = indexOf('normals'), STEP_BATCH_ROWS = indexOf('stepBatchRows'), SCALE_ADD_DOT_ROW = indexOf('scaleAddDotRow');
const ROW_DOTS = indexOf('rowDots'), ROW_COEFFICIENTS = indexOf('rowCoefficients'), ROW_UPDATES = indexOf('rowUpdates');
const SWEEPS: SweepIndices = {
  rowDot: ROW_DOT, scaleAddRow: SCALE_ADD_ROW, scaleAddDotRow: SCALE_ADD_DOT_ROW,
  rowDots: ROW_DOTS, rowCoefficients: ROW_COEFFICIENTS, rowUpdates: ROW_UPDATES,
};
const CALLEES: StepCallees = { ...SWEEPS, batchRow: BATCH_ROW, normals: NORMALS };

/** rowDot(w, x, d): w[0..d)·x[0..d), as sgd.ts's rowDot. */
function rowDot(): FunctionSpec {
  const W = 0, X = 1, D = 2, M = 3, END = 4, A = 5, B = 6, S0 = 7;
  const at = (base: number) => [...get(base), ...get(M), ...i32Add];
  return {
    name: 'rowDot',
    params: [I32, I32, I32],
    results: [F64],
    locals: [[2, I32], [2, V128], [1, F64]],
    body: [
      ...get(D), ...i32Const(2), ...i32ShrU, ...i32Const(5), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...get(A), ...at(W), ...v128Load(0), ...at(X), ...v128Load(0), ...f64x2Mul, ...f64x2Add, ...set(A),
      ...get(B), ...at(W), ...v128Load(16), ...at(X), ...v128Load(16), ...f64x2Mul, ...f64x2Add, ...set(B),
      ...get(M), ...i32Const(32), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(A), ...f64x2Lane(0), ...set(S0),
      ...get(D), ...i32Const(3), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...get(S0), ...at(W), ...f64Load(), ...at(X), ...f64Load(), ...f64Mul, ...f64Add, ...set(S0),
      ...get(M), ...i32Const(8), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(S0), ...get(A), ...f64x2Lane(1), ...f64Add,
      ...get(B), ...f64x2Lane(0), ...get(B), ...f64x2Lane(1), ...f64Add,
      ...f64Add,
    ],
  };
}

/** scaleAddRow(w, x, d, keep, add): w ← keep·w + add·x, returning the new |w|², as sgd.ts's scaleAddRow. */
function scaleAddRow(): FunctionSpec {
  const W = 0, X = 1, D = 2, KEEP = 3, ADD = 4, M = 5, END = 6, K = 7, A = 8, R01 = 9, R23 = 10, V = 11, R0 = 12, S = 13;
  const at = (base: number) => [...get(base), ...get(M), ...i32Add];
  const pair = (offset: number, r: number) => [
    ...get(K), ...at(W), ...v128Load(offset), ...f64x2Mul, ...get(A), ...at(X), ...v128Load(offset), ...f64x2Mul, ...f64x2Add, ...set(V),
    ...at(W), ...get(V), ...v128Store(offset),
    ...get(r), ...get(V), ...get(V), ...f64x2Mul, ...f64x2Add, ...set(r),
  ];
  return {
    name: 'scaleAddRow',
    params: [I32, I32, I32, F64, F64],
    results: [F64],
    locals: [[2, I32], [5, V128], [2, F64]],
    body: [
      ...get(KEEP), ...f64x2Splat, ...set(K), ...get(ADD), ...f64x2Splat, ...set(A),
      ...get(D), ...i32Const(2), ...i32ShrU, ...i32Const(5), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...pair(0, R01), ...pair(16, R23),
      ...get(M), ...i32Const(32), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(R01), ...f64x2Lane(0), ...set(R0),
      ...get(D), ...i32Const(3), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...get(KEEP), ...at(W), ...f64Load(), ...f64Mul, ...get(ADD), ...at(X), ...f64Load(), ...f64Mul, ...f64Add, ...set(S),
      ...at(W), ...get(S), ...f64Store(),
      ...get(R0), ...get(S), ...get(S), ...f64Mul, ...f64Add, ...set(R0),
      ...get(M), ...i32Const(8), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(R0), ...get(R01), ...f64x2Lane(1), ...f64Add,
      ...get(R23), ...f64x2Lane(0), ...get(R23), ...f64x2Lane(1), ...f64Add,
      ...f64Add,
    ],
  };
}

/**
 * scaleAddDotRow(w, x, next, d, keep, add, dotAt) → |w|²: scaleAddRow, and the new w's dot with
 * the sample at next (as rowDot would compute it: its partial sums in the same lanes) stored at
 * dotAt, while the new w is still in registers: one pass over the weights instead of two.
 */
function scaleAddDotRow(): FunctionSpec {
  const W = 0, X = 1, NEXT = 2, D = 3, KEEP = 4, ADD = 5, DOT_AT = 6;
  const M = 7, END = 8, K = 9, A = 10, R01 = 11, R23 = 12, V = 13, S01 = 14, S23 = 15, R0 = 16, S = 17, S0 = 18;
  const at = (base: number) => [...get(base), ...get(M), ...i32Add];
  const pair = (offset: number, r: number, s: number) => [
    ...get(K), ...at(W), ...v128Load(offset), ...f64x2Mul, ...get(A), ...at(X), ...v128Load(offset), ...f64x2Mul, ...f64x2Add, ...set(V),
    ...at(W), ...get(V), ...v128Store(offset),
    ...get(r), ...get(V), ...get(V), ...f64x2Mul, ...f64x2Add, ...set(r),
    ...get(s), ...get(V), ...at(NEXT), ...v128Load(offset), ...f64x2Mul, ...f64x2Add, ...set(s),
  ];
  return {
    name: 'scaleAddDotRow',
    params: [I32, I32, I32, I32, F64, F64, I32],
    results: [F64],
    locals: [[2, I32], [7, V128], [3, F64]],
    body: [
      ...get(KEEP), ...f64x2Splat, ...set(K), ...get(ADD), ...f64x2Splat, ...set(A),
      ...get(D), ...i32Const(2), ...i32ShrU, ...i32Const(5), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...pair(0, R01, S01), ...pair(16, R23, S23),
      ...get(M), ...i32Const(32), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(R01), ...f64x2Lane(0), ...set(R0),
      ...get(S01), ...f64x2Lane(0), ...set(S0),
      ...get(D), ...i32Const(3), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...get(KEEP), ...at(W), ...f64Load(), ...f64Mul, ...get(ADD), ...at(X), ...f64Load(), ...f64Mul, ...f64Add, ...set(S),
      ...at(W), ...get(S), ...f64Store(),
      ...get(R0), ...get(S), ...get(S), ...f64Mul, ...f64Add, ...set(R0),
      ...get(S0), ...get(S), ...at(NEXT), ...f64Load(), ...f64Mul, ...f64Add, ...set(S0),
      ...get(M), ...i32Const(8), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(DOT_AT),
      ...get(S0), ...get(S01), ...f64x2Lane(1), ...f64Add,
      ...get(S23), ...f64x2Lane(0), ...get(S23), ...f64x2Lane(1), ...f64Add,
      ...f64Add, ...f64Store(),
      ...get(R0), ...get(R01), ...f64x2Lane(1), ...f64Add,
      ...get(R23), ...f64x2Lane(0), ...get(R23), ...f64x2Lane(1), ...f64Add,
      ...f64Add,
    ],
  };
}

/**
 * batchRow(w, x, c, batch, d, keep): w ← keep·w + Σ_b c_b x_b over the batch's rows x_b (d
 * doubles apart), returning the new |w|², as the batched update in sgd.ts's step (pairs of
 * columns, partial sums r0 and r1).
 */
function batchRow(): FunctionSpec {
  const W = 0, X = 1, C = 2, BATCH = 3, D = 4, KEEP = 5;
  const M = 6, END = 7, XO = 8, CB = 9, CEND = 10, STRIDE = 11, K = 12, V = 13, R = 14, S = 15, R0 = 16;
  const at = (base: number) => [...get(base), ...get(M), ...i32Add];
  const startColumn = [...at(X), ...set(XO), ...get(C), ...set(CB)];
  const nextRow = [
    ...get(XO), ...get(STRIDE), ...i32Add, ...set(XO),
    ...get(CB), ...i32Const(8), ...i32Add, ...set(CB),
    ...get(CB), ...get(CEND), ...i32LtU, ...brIf(0),
  ];
  return {
    name: 'batchRow',
    params: [I32, I32, I32, I32, I32, F64],
    results: [F64],
    locals: [[6, I32], [3, V128], [2, F64]],
    body: [
      ...get(KEEP), ...f64x2Splat, ...set(K),
      ...get(D), ...i32Const(3), ...i32Shl, ...set(STRIDE),
      ...get(C), ...get(BATCH), ...i32Const(3), ...i32Shl, ...i32Add, ...set(CEND),
      ...get(D), ...i32Const(1), ...i32ShrU, ...i32Const(4), ...i32Shl, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      ...get(K), ...at(W), ...v128Load(), ...f64x2Mul, ...set(V),
      ...startColumn,
      ...loop,
      ...get(V), ...get(CB), ...f64Load(), ...f64x2Splat, ...get(XO), ...v128Load(), ...f64x2Mul, ...f64x2Add, ...set(V),
      ...nextRow, ...end,
      ...at(W), ...get(V), ...v128Store(),
      ...get(R), ...get(V), ...get(V), ...f64x2Mul, ...f64x2Add, ...set(R),
      ...get(M), ...i32Const(16), ...i32Add, ...set(M),
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(R), ...f64x2Lane(0), ...set(R0),
      ...get(D), ...i32Const(3), ...i32Shl, ...set(END),
      // odd d: the last column on r0 alone
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0),
      ...get(KEEP), ...at(W), ...f64Load(), ...f64Mul, ...set(S),
      ...startColumn,
      ...loop,
      ...get(S), ...get(CB), ...f64Load(), ...get(XO), ...f64Load(), ...f64Mul, ...f64Add, ...set(S),
      ...nextRow, ...end,
      ...at(W), ...get(S), ...f64Store(),
      ...get(R0), ...get(S), ...get(S), ...f64Mul, ...f64Add, ...set(R0),
      ...end,
      ...get(R0), ...get(R), ...f64x2Lane(1), ...f64Add,
    ],
  };
}

export interface SgdKernels {
  memory: WebAssembly.Memory;
  rowDot(w: number, x: number, d: number): number;
  scaleAddRow(w: number, x: number, d: number, keep: number, add: number): number;
  batchRow(w: number, x: number, c: number, batch: number, d: number, keep: number): number;
  stepRows(w: number, x: number, n: number, d: number, norms: number, failed: number, coef: number, coefCount: number, y: number, xx: number, eta: number, rows: number): void;
  /** count standard normals at out from the generator state at rng (sgdNormals.ts); returns their sum of squares */
  normals(rng: number, out: number, count: number): number;
  /** the `count` (even) doubles at `at`, positive and normal, replaced by the very logarithms math/log.ts gives (sgdLog.ts) */
  logs(at: number, count: number): void;
  /** count whole SGD steps (sgdSteps.ts) */
  steps(
    count: number, w: number, x: number, c: number, xx: number, y: number, n: number, d: number, batch: number, norms: number, failed: number,
    slope: number, slopeCount: number, target: number, targetCount: number, chol: number, k: number, rng: number, eta: number, rows: number,
    next: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const fns = [
      rowDot(), scaleAddRow(), batchRow(), stepRowsFunction(SWEEPS), normalsFunction(), stepBatchRowsFunction(CALLEES),
      stepsFunction(CALLEES, STEP_BATCH_ROWS), scaleAddDotRow(), rowDotsFunction(SWEEPS), rowCoefficientsFunction(), rowUpdatesFunction(SWEEPS),
      logsFunction(),
    ];
    if (fns.some((f, i) => f.name !== ORDER[i])) throw new Error('the SGD module’s functions are out of order');
    const bytes = moduleBytes(fns);
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The kernels on a fresh memory of at least `bytes` bytes, or null where WebAssembly SIMD is unavailable. */
export function sgdKernels(bytes: number): SgdKernels | null {
  const mod = kernelModule();
  if (!mod) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  } catch {
    // no room for one memory of this size: the JavaScript passes on ordinary arrays instead
    return null;
  }
  const e = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports;
  return {
    memory,
    rowDot: e.rowDot as SgdKernels['rowDot'],
    scaleAddRow: e.scaleAddRow as SgdKernels['scaleAddRow'],
    batchRow: e.batchRow as SgdKernels['batchRow'],
    stepRows: e.stepRows as SgdKernels['stepRows'],
    normals: e.normals as SgdKernels['normals'],
    logs: e.logs as SgdKernels['logs'],
    steps: e.steps as SgdKernels['steps'],
  };
}
