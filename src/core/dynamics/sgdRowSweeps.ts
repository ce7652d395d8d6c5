// The batch-1 SGD step over all rows (sgd.ts's per-neuron loop with B = 1, docs/model.md §10) as
// sweeps over the rows in the SGD module: every dot, then every row's coefficients, then every
// update. The rows are independent, so the short serial chain from a row's dot through σ', the new
// norm and its square root to the update's factors overlaps with the other rows' instead of
// stalling each row's passes; and the update can carry the dot with the next sample along
// (scaleAddDotRow), one pass over the weights per step instead of two. Per row the operations and
// their order are sgd.ts's, so the run is the same, bit for bit.
//
// `rows` is scratch of three arrays of m doubles, m = n rounded up to even: the rows' dots, their
// keeps, their adds. The dot and update sweeps skip failed rows; the coefficients sweep goes over
// pairs of rows in the two lanes of f64x2 (each lane's operations are the scalar ones, rounded the
// same), so the square roots and divisions of two rows share one instruction, and only marks
// the failed flags of live rows' lanes.
import { F64, I32, V128, f64Load, f64Store, get, i32Const, op, set, v128Load, v128Store, type FunctionSpec } from './wasmBytes.ts';
import { op as w, op as v } from './wasmBytes.ts';

const { i32Add, i32Sub, i32Shl, i32LtU, i32Eqz, i32And, i32Load8U, i32Store8, block, loop, end, brIf, call, ifThen } = op;
const { f64Const, f64Sub, f64Eq, f64x2Add, f64x2Mul, f64x2Splat } = op;

/** The module's indices of the row passes the sweeps call and of the sweeps themselves. */
export interface SweepIndices {
  rowDot: number;
  scaleAddRow: number;
  scaleAddDotRow: number;
  rowDots: number;
  rowCoefficients: number;
  rowUpdates: number;
}

/** locals every sweep has, after its parameters */
function sweepLocals(first: number) {
  return { I: first, O: first + 1, ROW: first + 2 };
}

/** for every row i (byte offset o into the weights of d per row; 0 without d) that has not failed: body */
function sweep(n: number, d: number | null, failed: number, l: ReturnType<typeof sweepLocals>, body: number[]): number[] {
  const { I, O, ROW } = l;
  return [
    ...(d === null ? [] : [...get(d), ...i32Const(3), ...i32Shl, ...set(ROW)]),
    ...block, ...get(n), ...i32Eqz, ...brIf(0), ...loop,
    ...block, ...get(failed), ...get(I), ...i32Add, ...i32Load8U(), ...brIf(0), ...body, ...end,
    ...get(O), ...get(ROW), ...i32Add, ...set(O),
    ...get(I), ...i32Const(1), ...i32Add, ...set(I),
    ...get(I), ...get(n), ...i32LtU, ...brIf(0), ...end, ...end,
  ];
}

/** the address of row i's double in the array at `base` */
const rowAt = (base: number, i: number) => [...get(base), ...get(i), ...i32Const(3), ...i32Shl, ...i32Add];
/** base + 8m·times, m = n rounded up to even: the keeps (times 1) and the adds (times 2) after the dots */
const arrayAfter = (rows: number, n: number, times: number) => [
  ...get(rows), ...get(n), ...i32Const(1), ...i32Add, ...i32Const(-2), ...i32And, ...i32Const(3 + times - 1), ...i32Shl, ...i32Add,
];
const normAt = (norms: number, i: number) => [...get(norms), ...get(i), ...i32Const(3), ...i32Shl, ...i32Add];
const finite = (l: number) => [...get(l), ...get(l), ...f64Sub, ...f64Const(0), ...f64Eq];
const markFailed = (failed: number, i: number) => [...get(failed), ...get(i), ...i32Add, ...i32Const(1), ...i32Store8()];

/** rowDots(w, x, n, d, failed, rows): every row's w_i·x into rows[2i]. */
export function rowDotsFunction(ix: SweepIndices): FunctionSpec {
  const W = 0, X = 1, N = 2, D = 3, FAILED = 4, ROWS = 5;
  const l = sweepLocals(6);
  return {
    name: 'rowDots',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[3, I32]],
    body: sweep(N, D, FAILED, l, [...rowAt(ROWS, l.I), ...get(W), ...get(l.O), ...i32Add, ...get(X), ...get(D), ...call(ix.rowDot), ...f64Store()]),
  };
}

/**
 * rowCoefficients(n, norms, failed, coef, coefCount, y, xx, eta, rows): from each row's dot with
 * the sample (label y, |x|² = xx), its update w ← keep·w + add·x as sgd.ts computes them (σ' by
 * Horner from coef[0..coefCount), coefCount ≥ 1); a row whose new squared norm is not positive
 * and finite fails instead. norms has room for m doubles.
 */
export function rowCoefficientsFunction(): FunctionSpec {
  const N = 0, NORMS = 1, FAILED = 2, COEF = 3, COUNT = 4, Y = 5, XX = 6, ETA = 7, ROWS = 8;
  const I = 9, P = 10, KEEPS = 11, ADDS = 12;
  const INV = 13, Z = 14, V = 15, C0 = 16, WG = 17, A = 18, N2 = 19, SCALE = 20, OK = 21, YV = 22, XXV = 23, ETAV = 24;
  const at = (base: number) => [...get(base), ...get(I), ...i32Const(3), ...i32Shl, ...i32Add];
  const splat = (v: number) => [...f64Const(v), ...f64x2Splat];
  /** lane `lane` of OK false: row I + lane fails (when it is a row) */
  const failLane = (lane: number) => [
    ...get(OK), ...v.i64x2Lane(lane), ...v.i64Eqz,
    ...(lane === 0 ? [] : [...get(I), ...i32Const(lane), ...i32Add, ...get(N), ...i32LtU, ...i32And]),
    ...ifThen, ...get(FAILED), ...get(I), ...i32Add, ...i32Const(1), ...i32Store8(lane), ...end,
  ];
  return {
    name: 'rowCoefficients',
    params: [I32, I32, I32, I32, I32, F64, F64, F64, I32],
    results: [],
    locals: [[4, I32], [12, V128]],
    body: [
      ...arrayAfter(ROWS, N, 1), ...set(KEEPS),
      ...arrayAfter(ROWS, N, 2), ...set(ADDS),
      ...get(Y), ...f64x2Splat, ...set(YV), ...get(XX), ...f64x2Splat, ...set(XXV), ...get(ETA), ...f64x2Splat, ...set(ETAV),
      ...block, ...get(N), ...i32Eqz, ...brIf(0), ...loop,
      ...splat(1), ...at(NORMS), ...v128Load(), ...v.f64x2Sqrt, ...v.f64x2Div, ...set(INV),
      ...at(ROWS), ...v128Load(), ...get(INV), ...f64x2Mul, ...set(Z),
      // σ'(z) by Horner from the top coefficient down
      ...get(COUNT), ...i32Const(1), ...i32Sub, ...i32Const(3), ...i32Shl, ...set(P),
      ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...f64x2Splat, ...set(V),
      ...block, ...get(P), ...i32Eqz, ...brIf(0), ...loop,
      ...get(P), ...i32Const(8), ...i32Sub, ...set(P),
      ...get(V), ...get(Z), ...f64x2Mul, ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...f64x2Splat, ...f64x2Add, ...set(V),
      ...get(P), ...brIf(0), ...end, ...end,
      ...get(V), ...get(YV), ...f64x2Mul, ...set(C0),
      ...splat(0), ...get(C0), ...get(Z), ...f64x2Mul, ...f64x2Add, ...set(WG),
      // a = 1 − η ŵ·g and the new squared norm a² + 2aη ŵ·g + η²|g|², |g|² = 0 + C0·C0·xx
      ...splat(1), ...get(ETAV), ...get(WG), ...f64x2Mul, ...v.f64x2Sub, ...set(A),
      ...get(A), ...get(A), ...f64x2Mul,
      ...splat(2), ...get(A), ...f64x2Mul, ...get(ETAV), ...f64x2Mul, ...get(WG), ...f64x2Mul, ...f64x2Add,
      ...get(ETAV), ...get(ETAV), ...f64x2Mul,
      ...splat(0), ...get(C0), ...get(C0), ...f64x2Mul, ...get(XXV), ...f64x2Mul, ...f64x2Add,
      ...f64x2Mul, ...f64x2Add, ...set(N2),
      ...get(N2), ...splat(0), ...v.f64x2Gt, ...get(N2), ...get(N2), ...v.f64x2Sub, ...splat(0), ...v.f64x2Eq, ...v.v128And, ...set(OK),
      ...splat(1), ...get(N2), ...v.f64x2Sqrt, ...v.f64x2Div, ...set(SCALE),
      ...at(KEEPS), ...get(A), ...get(INV), ...f64x2Mul, ...get(SCALE), ...f64x2Mul, ...v128Store(),
      ...at(ADDS), ...get(ETAV), ...get(C0), ...f64x2Mul, ...get(SCALE), ...f64x2Mul, ...v128Store(),
      // a live row whose norm is not positive and finite fails (a failed row's lane is ignored)
      ...failLane(0), ...failLane(1),
      ...get(I), ...i32Const(2), ...i32Add, ...set(I),
      ...get(I), ...get(N), ...i32LtU, ...brIf(0), ...end, ...end,
    ],
  };
}

/**
 * rowUpdates(w, x, n, d, norms, failed, rows, next): every row's update from its keep and add, its
 * new squared norm into norms (a non-finite one fails the row). With next ≠ 0, also the new
 * row's dot with the next sample at next into rows[2i] (scaleAddDotRow); with next = 0, not.
 */
export function rowUpdatesFunction(ix: SweepIndices): FunctionSpec {
  const W = 0, X = 1, N = 2, D = 3, NORMS = 4, FAILED = 5, ROWS = 6, NEXT = 7;
  const l = sweepLocals(8);
  const KEEPS = 11, ADDS = 12, R = 13;
  const rowArgs = [...get(W), ...get(l.O), ...i32Add, ...get(X)];
  const factors = [...get(D), ...rowAt(KEEPS, l.I), ...f64Load(), ...rowAt(ADDS, l.I), ...f64Load()];
  return {
    name: 'rowUpdates',
    params: [I32, I32, I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[5, I32], [1, F64]],
    body: [...arrayAfter(ROWS, N, 1), ...set(KEEPS), ...arrayAfter(ROWS, N, 2), ...set(ADDS), ...sweep(N, D, FAILED, l, [
      ...get(NEXT), ...op.ifThen,
      ...rowArgs, ...get(NEXT), ...factors, ...rowAt(ROWS, l.I), ...call(ix.scaleAddDotRow), ...set(R),
      ...w.else,
      ...rowArgs, ...factors, ...call(ix.scaleAddRow), ...set(R),
      ...end,
      ...finite(R), ...i32Eqz, ...ifThen, ...markFailed(FAILED, l.I), ...end,
      ...normAt(NORMS, l.I), ...get(R), ...f64Store(),
    ])],
  };
}

/**
 * stepRows(w, x, n, d, norms, failed, coef, coefCount, y, xx, eta, rows): one batch-1 SGD step of
 * all n rows against the sample x (label y, |x|² = xx): the three sweeps.
 */
export function stepRowsFunction(ix: SweepIndices): FunctionSpec {
  const W = 0, X = 1, N = 2, D = 3, NORMS = 4, FAILED = 5, COEF = 6, COUNT = 7, Y = 8, XX = 9, ETA = 10, ROWS = 11;
  return {
    name: 'stepRows',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, F64, F64, F64, I32],
    results: [],
    locals: [],
    body: [
      ...get(W), ...get(X), ...get(N), ...get(D), ...get(FAILED), ...get(ROWS), ...call(ix.rowDots),
      ...get(N), ...get(NORMS), ...get(FAILED), ...get(COEF), ...get(COUNT), ...get(Y), ...get(XX), ...get(ETA), ...get(ROWS), ...call(ix.rowCoefficients),
      ...get(W), ...get(X), ...get(N), ...get(D), ...get(NORMS), ...get(FAILED), ...get(ROWS), ...i32Const(0), ...call(ix.rowUpdates),
    ],
  };
}
