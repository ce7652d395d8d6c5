// The batch-1 SGD step over all rows (sgd.ts's per-neuron loop with B = 1, docs/model.md §10) as
// sweeps over the rows in the SGD module: every dot, then every row's coefficients, then every
// update. The rows are independent, so the short serial chain from a row's dot through σ', the new
// norm and its square root to the update's factors overlaps with the other rows' instead of
// stalling each row's passes; and the update can carry the dot with the next sample along
// (scaleAddDotRow), one pass over the weights per step instead of two. Per row the operations and
// their order are sgd.ts's, so the run is the same, bit for bit.
//
// Every sweep skips failed rows. `rows` is 2n doubles of scratch: row i's dot, then its keep,
// at rows[2i], its add at rows[2i + 1].
import { F64, I32, f64Load, f64Store, get, i32Const, op, set, type FunctionSpec } from './wasmBytes.ts';
import { wasmOps as w } from './sgdWasmOps.ts';

const { i32Add, i32Sub, i32Shl, i32LtU, i32Eqz, i32And, i32Load8U, i32Store8, block, loop, end, brIf, br, call, ifThen } = op;
const { f64Const, f64Add, f64Sub, f64Mul, f64Div, f64Sqrt, f64Gt, f64Eq } = op;

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

const rowAt = (rows: number, i: number) => [...get(rows), ...get(i), ...i32Const(4), ...i32Shl, ...i32Add];
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
 * and finite fails instead.
 */
export function rowCoefficientsFunction(): FunctionSpec {
  const N = 0, NORMS = 1, FAILED = 2, COEF = 3, COUNT = 4, Y = 5, XX = 6, ETA = 7, ROWS = 8;
  const l = sweepLocals(9);
  const P = 12;
  const INV = 13, Z = 14, C0 = 15, V = 16, WG = 17, GG = 18, A = 19, N2 = 20, SCALE = 21;
  const row = rowAt(ROWS, l.I);
  return {
    name: 'rowCoefficients',
    params: [I32, I32, I32, I32, I32, F64, F64, F64, I32],
    results: [],
    locals: [[4, I32], [9, F64]],
    body: sweep(N, null, FAILED, l, [
      ...f64Const(1), ...normAt(NORMS, l.I), ...f64Load(), ...f64Sqrt, ...f64Div, ...set(INV),
      ...row, ...f64Load(), ...get(INV), ...f64Mul, ...set(Z),
      // σ'(z) by Horner from the top coefficient down
      ...get(COUNT), ...i32Const(1), ...i32Sub, ...i32Const(3), ...i32Shl, ...set(P),
      ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...set(V),
      ...block, ...get(P), ...i32Eqz, ...brIf(0), ...loop,
      ...get(P), ...i32Const(8), ...i32Sub, ...set(P),
      ...get(V), ...get(Z), ...f64Mul, ...get(COEF), ...get(P), ...i32Add, ...f64Load(), ...f64Add, ...set(V),
      ...get(P), ...brIf(0), ...end, ...end,
      ...get(V), ...get(Y), ...f64Mul, ...set(C0),
      ...f64Const(0), ...get(C0), ...get(Z), ...f64Mul, ...f64Add, ...set(WG),
      ...f64Const(0), ...get(C0), ...get(C0), ...f64Mul, ...get(XX), ...f64Mul, ...f64Add, ...set(GG),
      // a = 1 − η ŵ·g and the new squared norm a² + 2aη ŵ·g + η²|g|²
      ...f64Const(1), ...get(ETA), ...get(WG), ...f64Mul, ...f64Sub, ...set(A),
      ...get(A), ...get(A), ...f64Mul,
      ...f64Const(2), ...get(A), ...f64Mul, ...get(ETA), ...f64Mul, ...get(WG), ...f64Mul, ...f64Add,
      ...get(ETA), ...get(ETA), ...f64Mul, ...get(GG), ...f64Mul, ...f64Add, ...set(N2),
      ...get(N2), ...f64Const(0), ...f64Gt, ...finite(N2), ...i32And, ...i32Eqz,
      ...ifThen, ...markFailed(FAILED, l.I), ...br(1), ...end,
      ...f64Const(1), ...get(N2), ...f64Sqrt, ...f64Div, ...set(SCALE),
      ...row, ...get(A), ...get(INV), ...f64Mul, ...get(SCALE), ...f64Mul, ...f64Store(),
      ...row, ...get(ETA), ...get(C0), ...f64Mul, ...get(SCALE), ...f64Mul, ...f64Store(8),
    ]),
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
  const R = 11;
  const rowArgs = [...get(W), ...get(l.O), ...i32Add, ...get(X)];
  const factors = [...get(D), ...rowAt(ROWS, l.I), ...f64Load(), ...rowAt(ROWS, l.I), ...f64Load(8)];
  return {
    name: 'rowUpdates',
    params: [I32, I32, I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[3, I32], [1, F64]],
    body: sweep(N, D, FAILED, l, [
      ...get(NEXT), ...op.ifThen,
      ...rowArgs, ...get(NEXT), ...factors, ...rowAt(ROWS, l.I), ...call(ix.scaleAddDotRow), ...set(R),
      ...w.else,
      ...rowArgs, ...factors, ...call(ix.scaleAddRow), ...set(R),
      ...end,
      ...finite(R), ...i32Eqz, ...ifThen, ...markFailed(FAILED, l.I), ...end,
      ...normAt(NORMS, l.I), ...get(R), ...f64Store(),
    ]),
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
