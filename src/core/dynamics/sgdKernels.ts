// The per-neuron passes over d of the SGD step (sgd.ts, docs/model.md §10) as a tiny WebAssembly
// module with two-lane f64 SIMD: scalar JavaScript tops out near one multiply-add per cycle,
// which leaves the SGD example minutes from its end. Each pass is bit-identical to its
// JavaScript twin in sgd.ts: the lanes of two f64x2 accumulators are the partial sums (s0, s1)
// and (s2, s3), every product is rounded before its addition (f64x2.mul then f64x2.add, never
// fused), the remainder of d runs on s0 alone and the sums combine as (s0 + s1) + (s2 + s3); so
// the same seed gives the same run with or without SIMD. All addresses are byte offsets into
// the module's memory, where the caller keeps the weights and the samples.
import { F64, I32, V128, f64Load, f64Store, get, i32Const, moduleBytes, op, set, v128Load, v128Store, type FunctionSpec } from './wasmBytes.ts';
import { logFunction } from './sgdLog.ts';
import { normalsFunction } from './sgdNormals.ts';
import { stepBatchRowsFunction, stepsFunction, type StepCallees } from './sgdSteps.ts';

const { i32Add, i32Shl, i32ShrU, i32GeU, i32LtU, f64Add, f64Mul, f64x2Add, f64x2Mul, f64x2Splat, f64x2Lane, block, loop, end, brIf } = op;
const { i32Eqz, i32And, i32Load8U, i32Store8, ifThen, br, call, f64Const, f64Sub, f64Div, f64Sqrt, f64Gt, f64Eq } = op;

/** the functions' indices in the module, in the order moduleBytes is given them */
const ROW_DOT = 0, SCALE_ADD_ROW = 1, BATCH_ROW = 2, STEP_ROWS = 3, LOG = 4, NORMALS = 5, STEP_BATCH_ROWS = 6;
const CALLEES: StepCallees = { rowDot: ROW_DOT, batchRow: BATCH_ROW, stepRows: STEP_ROWS, normals: NORMALS };

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

/**
 * stepRows(w, x, n, d, norms, failed, coef, coefCount, y, xx, eta, rows): one batch-1 SGD step of
 * all n rows against the sample x (label y, |x|² = xx), as the per-neuron loop of sgd.ts's step
 * with B = 1, operation for operation (σ' by Horner from coef[0..coefCount), coefCount ≥ 1; the
 * finiteness tests as v − v = 0): per-row calls from JavaScript cost as much as the passes at
 * d = 100. norms holds n doubles, failed n bytes, rows 2n doubles of scratch. The rows are
 * independent, so the step goes in three sweeps over them (every dot, then every row's
 * coefficients, then every update): the short serial chain from a row's dot through σ', the new
 * norm and its square root to the update's factors then overlaps with the other rows' instead of
 * stalling each row's passes.
 */
function stepRows(): FunctionSpec {
  const W = 0, X = 1, N = 2, D = 3, NORMS = 4, FAILED = 5, COEF = 6, COUNT = 7, Y = 8, XX = 9, ETA = 10, ROWS = 11;
  const I = 12, O = 13, P = 14, ROW = 15;
  const INV = 16, Z = 17, C0 = 18, V = 19, WG = 20, GG = 21, A = 22, N2 = 23, SCALE = 24, R = 25;
  const failedAt = [...get(FAILED), ...get(I), ...i32Add];
  const normAt = [...get(NORMS), ...get(I), ...i32Const(3), ...i32Shl, ...i32Add];
  /** the row's dot, then its keep, at rows[2i]; its add at rows[2i + 1] */
  const rowAt = [...get(ROWS), ...get(I), ...i32Const(4), ...i32Shl, ...i32Add];
  const finite = (l: number) => [...get(l), ...get(l), ...f64Sub, ...f64Const(0), ...f64Eq];
  const markFailed = [...failedAt, ...i32Const(1), ...i32Store8()];
  /** for every row i (offset o into w) that has not failed: body */
  const sweep = (body: number[]) => [
    ...i32Const(0), ...set(I), ...i32Const(0), ...set(O),
    ...block, ...get(N), ...i32Eqz, ...brIf(0), ...loop,
    ...block, ...failedAt, ...i32Load8U(), ...brIf(0), ...body, ...end,
    ...get(O), ...get(ROW), ...i32Add, ...set(O),
    ...get(I), ...i32Const(1), ...i32Add, ...set(I),
    ...get(I), ...get(N), ...i32LtU, ...brIf(0), ...end, ...end,
  ];
  return {
    name: 'stepRows',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, I32],
    results: [],
    locals: [[4, I32], [10, F64]],
    body: [
      ...get(D), ...i32Const(3), ...i32Shl, ...set(ROW),
      ...sweep([...rowAt, ...get(W), ...get(O), ...i32Add, ...get(X), ...get(D), ...call(ROW_DOT), ...f64Store()]),
      ...sweep([
        ...f64Const(1), ...normAt, ...f64Load(), ...f64Sqrt, ...f64Div, ...set(INV),
        ...rowAt, ...f64Load(), ...get(INV), ...f64Mul, ...set(Z),
        // σ'(z) by Horner from the top coefficient down
        ...get(COUNT), ...i32Const(1), ...op.i32Sub, ...i32Const(3), ...i32Shl, ...set(P),
        ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...set(V),
        ...block, ...get(P), ...i32Eqz, ...brIf(0), ...loop,
        ...get(P), ...i32Const(8), ...op.i32Sub, ...set(P),
        ...get(V), ...get(Z), ...f64Mul, ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...f64Add, ...set(V),
        ...get(P), ...brIf(0), ...end, ...end,
        ...get(V), ...get(Y), ...f64Mul, ...set(C0),
        ...f64Const(0), ...get(C0), ...get(Z), ...f64Mul, ...f64Add, ...set(WG),
        ...f64Const(0), ...get(C0), ...get(C0), ...f64Mul, ...get(XX), ...f64Mul, ...f64Add, ...set(GG),
        ...f64Const(1), ...get(ETA), ...get(WG), ...f64Mul, ...f64Sub, ...set(A),
        ...get(A), ...get(A), ...f64Mul,
        ...f64Const(2), ...get(A), ...f64Mul, ...get(ETA), ...f64Mul, ...get(WG), ...f64Mul, ...f64Add,
        ...get(ETA), ...get(ETA), ...f64Mul, ...get(GG), ...f64Mul, ...f64Add, ...set(N2),
        // a non-finite or non-positive norm fails the row, which the last sweep then skips
        ...get(N2), ...f64Const(0), ...f64Gt, ...finite(N2), ...i32And, ...i32Eqz,
        ...ifThen, ...markFailed, ...br(1), ...end,
        ...f64Const(1), ...get(N2), ...f64Sqrt, ...f64Div, ...set(SCALE),
        ...rowAt, ...get(A), ...get(INV), ...f64Mul, ...get(SCALE), ...f64Mul, ...f64Store(),
        ...rowAt, ...get(ETA), ...get(C0), ...f64Mul, ...get(SCALE), ...f64Mul, ...f64Store(8),
      ]),
      ...sweep([
        ...get(W), ...get(O), ...i32Add, ...get(X), ...get(D),
        ...rowAt, ...f64Load(), ...rowAt, ...f64Load(8),
        ...call(SCALE_ADD_ROW), ...set(R),
        ...finite(R), ...i32Eqz, ...ifThen, ...markFailed, ...end,
        ...normAt, ...get(R), ...f64Store(),
      ]),
    ],
  };
}

export interface SgdKernels {
  memory: WebAssembly.Memory;
  rowDot(w: number, x: number, d: number): number;
  scaleAddRow(w: number, x: number, d: number, keep: number, add: number): number;
  batchRow(w: number, x: number, c: number, batch: number, d: number, keep: number): number;
  stepRows(w: number, x: number, n: number, d: number, norms: number, failed: number, coef: number, coefCount: number, y: number, xx: number, eta: number, rows: number): void;
  /** Math.log's value, computed in the module (sgdLog.ts) */
  log(x: number): number;
  /** count standard normals at out from the generator state at rng (sgdNormals.ts); returns their sum of squares */
  normals(rng: number, out: number, count: number): number;
  /** count whole SGD steps (sgdSteps.ts) */
  steps(
    count: number, w: number, x: number, c: number, xx: number, y: number, n: number, d: number, batch: number, norms: number, failed: number,
    slope: number, slopeCount: number, target: number, targetCount: number, chol: number, k: number, rng: number, eta: number, rows: number,
  ): void;
}

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = moduleBytes([
      rowDot(), scaleAddRow(), batchRow(), stepRows(), logFunction(), normalsFunction(LOG),
      stepBatchRowsFunction(CALLEES), stepsFunction(CALLEES, STEP_BATCH_ROWS),
    ]);
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
    log: e.log as SgdKernels['log'],
    normals: e.normals as SgdKernels['normals'],
    steps: e.steps as SgdKernels['steps'],
  };
}
