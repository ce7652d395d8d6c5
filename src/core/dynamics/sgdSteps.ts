// Whole SGD steps inside the module (docs/model.md §10): draw the batch (sgdNormals.ts), label it,
// take its Gram matrix and update every neuron, for many steps per call, so JavaScript enters
// the module once per chunk instead of once per sample or row. Each function is sgd.ts's step
// written out operation for operation (the same sums in the same order, σ' and σ* by Horner from
// the top coefficient down, the finiteness tests as v − v = 0), so the same seed gives the same
// weights, norms, failed flags and generator state as the JavaScript step.
import { F64, I32, get, i32Const, set, op, f64Load, f64Store, type FunctionSpec } from './wasmBytes.ts';
import { op as w } from './wasmBytes.ts';
import type { SweepIndices } from './sgdRowSweeps.ts';

const { i32Add, i32Sub, i32Shl, i32LtU, i32And, i32Eqz, i32Load8U, i32Store8, block, loop, end, brIf, br, call, ifThen } = op;
const { f64Const, f64Add, f64Sub, f64Mul, f64Div, f64Sqrt, f64Gt, f64Eq } = op;

/** The module's indices of the functions these call. */
export interface StepCallees extends SweepIndices {
  batchRow: number;
  normals: number;
}

/** value ← Horner's c[count−1]·z^(count−1) + … + c[0], as sgd.ts's horner; p is a scratch i32 local */
function horner(coef: number, count: number, z: number, p: number, value: number): number[] {
  return [
    ...get(count), ...i32Const(1), ...i32Sub, ...i32Const(3), ...i32Shl, ...set(p),
    ...get(coef), ...get(p), ...i32Add, ...f64Load(), ...set(value),
    ...block, ...get(p), ...i32Eqz, ...brIf(0), ...loop,
    ...get(p), ...i32Const(8), ...i32Sub, ...set(p),
    ...get(value), ...get(z), ...f64Mul, ...get(coef), ...get(p), ...i32Add, ...f64Load(), ...f64Add, ...set(value),
    ...get(p), ...brIf(0), ...end, ...end,
  ];
}

/** the address base + 8·index (a double's) */
const double = (base: number[], index: number[]) => [...base, ...index, ...i32Const(3), ...i32Shl, ...i32Add];

/**
 * stepBatchRows(w, x, c, xx, y, n, d, batch, norms, failed, coef, coefCount, eta): one SGD step of
 * all n rows against a batch of `batch` ≥ 2 samples (rows of d at x, labels y, Gram matrix xx),
 * as the per-neuron loop of sgd.ts's step for B > 1; c holds `batch` doubles of scratch.
 */
export function stepBatchRowsFunction(callees: StepCallees): FunctionSpec {
  const W = 0, X = 1, C = 2, XX = 3, Y = 4, N = 5, D = 6, BATCH = 7, NORMS = 8, FAILED = 9, COEF = 10, COUNT = 11, ETA = 12;
  const I = 13, O = 14, ROW = 15, B = 16, CC = 17, XO = 18, P = 19;
  const INV = 20, Z = 21, V = 22, CB = 23, WG = 24, GG = 25, A = 26, N2 = 27, SCALE = 28, R = 29, BF = 30;
  const failedAt = [...get(FAILED), ...get(I), ...i32Add];
  const normAt = double(get(NORMS), get(I));
  const cAt = (index: number) => double(get(C), get(index));
  const finite = (l: number) => [...get(l), ...get(l), ...f64Sub, ...f64Const(0), ...f64Eq];
  const markFailed = [...failedAt, ...i32Const(1), ...i32Store8()];
  /** for (index = 0; index < count; index++) body, with count ≥ 1 */
  const forEach = (index: number, count: number, body: number[]) => [
    ...i32Const(0), ...set(index), ...loop, ...body,
    ...get(index), ...i32Const(1), ...i32Add, ...set(index),
    ...get(index), ...get(count), ...i32LtU, ...brIf(0), ...end,
  ];
  return {
    name: 'stepBatchRows',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64],
    results: [],
    locals: [[7, I32], [11, F64]],
    body: [
      ...get(D), ...i32Const(3), ...i32Shl, ...set(ROW),
      ...get(BATCH), ...w.f64ConvertI32U, ...set(BF),
      ...block, ...get(N), ...i32Eqz, ...brIf(0), ...loop,
      ...block, // a failed row skips to its end
      ...failedAt, ...i32Load8U(), ...brIf(0),
      ...f64Const(1), ...normAt, ...f64Load(), ...f64Sqrt, ...f64Div, ...set(INV),
      // ŵ·g with g = Σ_b C_b x_b, C_b = σ'(z_b) y_b / B
      ...f64Const(0), ...set(WG),
      ...get(X), ...set(XO),
      ...forEach(B, BATCH, [
        ...get(W), ...get(O), ...i32Add, ...get(XO), ...get(D), ...call(callees.rowDot), ...get(INV), ...f64Mul, ...set(Z),
        ...horner(COEF, COUNT, Z, P, V),
        ...get(V), ...double(get(Y), get(B)), ...f64Load(), ...f64Mul, ...get(BF), ...f64Div, ...set(CB),
        ...cAt(B), ...get(CB), ...f64Store(),
        ...get(WG), ...get(CB), ...get(Z), ...f64Mul, ...f64Add, ...set(WG),
        ...get(XO), ...get(ROW), ...i32Add, ...set(XO),
      ]),
      // |g|² = Σ_b Σ_c C_b C_c x_b·x_c
      ...f64Const(0), ...set(GG),
      ...forEach(B, BATCH, forEach(CC, BATCH, [
        ...get(GG),
        ...cAt(B), ...f64Load(), ...cAt(CC), ...f64Load(), ...f64Mul,
        ...double(get(XX), [...get(B), ...get(BATCH), ...w.i32Mul, ...get(CC), ...i32Add]), ...f64Load(), ...f64Mul,
        ...f64Add, ...set(GG),
      ])),
      // a = 1 − η ŵ·g and the new squared norm a² + 2aη ŵ·g + η²|g|²
      ...f64Const(1), ...get(ETA), ...get(WG), ...f64Mul, ...f64Sub, ...set(A),
      ...get(A), ...get(A), ...f64Mul,
      ...f64Const(2), ...get(A), ...f64Mul, ...get(ETA), ...f64Mul, ...get(WG), ...f64Mul, ...f64Add,
      ...get(ETA), ...get(ETA), ...f64Mul, ...get(GG), ...f64Mul, ...f64Add, ...set(N2),
      ...get(N2), ...f64Const(0), ...f64Gt, ...finite(N2), ...i32And, ...i32Eqz,
      ...ifThen, ...markFailed, ...br(1), ...end,
      ...f64Const(1), ...get(N2), ...f64Sqrt, ...f64Div, ...set(SCALE),
      // C_b ← C_b · (η·scale), then w ← keep·w + Σ_b C_b x_b
      ...get(ETA), ...get(SCALE), ...f64Mul, ...set(V),
      ...forEach(B, BATCH, [...cAt(B), ...cAt(B), ...f64Load(), ...get(V), ...f64Mul, ...f64Store()]),
      ...get(W), ...get(O), ...i32Add, ...get(X), ...get(C), ...get(BATCH), ...get(D),
      ...get(A), ...get(INV), ...f64Mul, ...get(SCALE), ...f64Mul,
      ...call(callees.batchRow), ...set(R),
      ...finite(R), ...i32Eqz, ...ifThen, ...markFailed, ...end,
      ...normAt, ...get(R), ...f64Store(),
      ...end, // the row's block
      ...get(O), ...get(ROW), ...i32Add, ...set(O),
      ...get(I), ...i32Const(1), ...i32Add, ...set(I),
      ...get(I), ...get(N), ...i32LtU, ...brIf(0), ...end, ...end,
    ],
  };
}

/**
 * steps(count, w, x, c, xx, y, n, d, batch, norms, failed, slope, slopeCount, target, targetCount,
 * chol, k, rng, eta, rows, next): `count` ≥ 1 SGD steps. Each draws `batch` samples of d normals,
 * labels them y_b = Σ_j σ*(v_j·x_b) with v_j the rows of the k×k Cholesky factor at chol in the
 * first k coordinates, and updates the rows.
 *
 * Batch 1 (sgdRowSweeps.ts, `rows` its scratch): the samples do not depend on the weights, so each
 * step but the call's last draws the next sample (into x and `next` by turns) before its update,
 * and the update computes the new rows' dots with it on the way; the generator still advances
 * sample by sample, and stops where the JavaScript step's would. Larger batches: the samples go
 * to x (their squared norms on xx's diagonal, labels in y), the rest of the Gram matrix xx is
 * filled, and stepBatchRows (its index) updates the rows.
 */
export function stepsFunction(callees: StepCallees, stepBatchRows: number): FunctionSpec {
  const COUNT = 0, W = 1, X = 2, C = 3, XX = 4, Y = 5, N = 6, D = 7, BATCH = 8, NORMS = 9, FAILED = 10;
  const SLOPE = 11, SLOPE_COUNT = 12, TARGET = 13, TARGET_COUNT = 14, CHOL = 15, K = 16, RNG = 17, ETA = 18, ROWS = 19, NEXT = 20;
  const ROW = 21, B = 22, CC = 23, J = 24, M = 25, XO = 26, XC = 27, P = 28, CUR = 29, AHEAD = 30;
  const VX = 31, LABEL = 32, V = 33, S = 34, SQ = 35, CUR_Y = 36, CUR_XX = 37;
  const xxAt = (row: number[], column: number[]) => double(get(XX), [...row, ...get(BATCH), ...w.i32Mul, ...column, ...i32Add]);
  /** one sample of d normals at `at`, its |x|² into SQ and its label into LABEL */
  const draw = (at: number) => [
    ...get(RNG), ...get(at), ...get(D), ...call(callees.normals), ...set(SQ),
    ...f64Const(0), ...set(LABEL),
    ...i32Const(0), ...set(J),
    ...block, ...get(K), ...i32Eqz, ...brIf(0), ...loop,
    // v_j·x = Σ_{m ≤ j} L_jm x_m
    ...f64Const(0), ...set(VX), ...i32Const(0), ...set(M),
    ...loop,
    ...get(VX),
    ...double(get(CHOL), [...get(J), ...get(K), ...w.i32Mul, ...get(M), ...i32Add]), ...f64Load(),
    ...double(get(at), get(M)), ...f64Load(), ...f64Mul, ...f64Add, ...set(VX),
    ...get(M), ...i32Const(1), ...i32Add, ...set(M),
    ...get(M), ...get(J), ...w.i32LeU, ...brIf(0), ...end,
    ...horner(TARGET, TARGET_COUNT, VX, P, V),
    ...get(LABEL), ...get(V), ...f64Add, ...set(LABEL),
    ...get(J), ...i32Const(1), ...i32Add, ...set(J),
    ...get(J), ...get(K), ...i32LtU, ...brIf(0), ...end, ...end,
  ];
  const batchOfOne = [
    ...get(X), ...set(CUR), ...get(NEXT), ...set(AHEAD),
    ...draw(CUR), ...get(SQ), ...set(CUR_XX), ...get(LABEL), ...set(CUR_Y),
    ...get(W), ...get(CUR), ...get(N), ...get(D), ...get(FAILED), ...get(ROWS), ...call(callees.rowDots),
    ...loop,
    ...get(N), ...get(NORMS), ...get(FAILED), ...get(SLOPE), ...get(SLOPE_COUNT), ...get(CUR_Y), ...get(CUR_XX), ...get(ETA), ...get(ROWS),
    ...call(callees.rowCoefficients),
    ...get(COUNT), ...i32Const(1), ...i32Sub, ...set(COUNT),
    ...get(COUNT), ...ifThen,
    // the next step's sample, and the update with the dots against it
    ...draw(AHEAD),
    ...get(W), ...get(CUR), ...get(N), ...get(D), ...get(NORMS), ...get(FAILED), ...get(ROWS), ...get(AHEAD), ...call(callees.rowUpdates),
    ...get(CUR), ...get(AHEAD), ...set(CUR), ...set(AHEAD),
    ...get(SQ), ...set(CUR_XX), ...get(LABEL), ...set(CUR_Y),
    ...br(1),
    ...end,
    ...get(W), ...get(CUR), ...get(N), ...get(D), ...get(NORMS), ...get(FAILED), ...get(ROWS), ...i32Const(0), ...call(callees.rowUpdates),
    ...end,
  ];
  const batches = [
    ...loop,
    // the batch: samples, |x_b|², labels
    ...i32Const(0), ...set(B), ...get(X), ...set(XO),
    ...loop,
    ...draw(XO),
    ...xxAt(get(B), get(B)), ...get(SQ), ...f64Store(),
    ...double(get(Y), get(B)), ...get(LABEL), ...f64Store(),
    ...get(XO), ...get(ROW), ...i32Add, ...set(XO),
    ...get(B), ...i32Const(1), ...i32Add, ...set(B),
    ...get(B), ...get(BATCH), ...i32LtU, ...brIf(0), ...end,
    // the Gram matrix below and above its diagonal: x_b·x_c for c < b, one running sum each
    ...i32Const(1), ...set(B), ...get(X), ...get(ROW), ...i32Add, ...set(XO),
    ...loop,
    ...i32Const(0), ...set(CC), ...get(X), ...set(XC),
    ...loop,
    ...f64Const(0), ...set(S), ...i32Const(0), ...set(M),
    ...loop,
    ...get(S), ...double(get(XO), get(M)), ...f64Load(), ...double(get(XC), get(M)), ...f64Load(), ...f64Mul, ...f64Add, ...set(S),
    ...get(M), ...i32Const(1), ...i32Add, ...set(M),
    ...get(M), ...get(D), ...i32LtU, ...brIf(0), ...end,
    ...xxAt(get(B), get(CC)), ...get(S), ...f64Store(),
    ...xxAt(get(CC), get(B)), ...get(S), ...f64Store(),
    ...get(XC), ...get(ROW), ...i32Add, ...set(XC),
    ...get(CC), ...i32Const(1), ...i32Add, ...set(CC),
    ...get(CC), ...get(B), ...i32LtU, ...brIf(0), ...end,
    ...get(XO), ...get(ROW), ...i32Add, ...set(XO),
    ...get(B), ...i32Const(1), ...i32Add, ...set(B),
    ...get(B), ...get(BATCH), ...i32LtU, ...brIf(0), ...end,
    ...get(W), ...get(X), ...get(C), ...get(XX), ...get(Y), ...get(N), ...get(D), ...get(BATCH),
    ...get(NORMS), ...get(FAILED), ...get(SLOPE), ...get(SLOPE_COUNT), ...get(ETA), ...call(stepBatchRows),
    ...get(COUNT), ...i32Const(1), ...i32Sub, ...set(COUNT),
    ...get(COUNT), ...brIf(0), ...end,
  ];
  return {
    name: 'steps',
    params: [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F64, I32, I32],
    results: [],
    locals: [[10, I32], [7, F64]],
    body: [
      ...get(D), ...i32Const(3), ...i32Shl, ...set(ROW),
      ...block, ...get(COUNT), ...i32Eqz, ...brIf(0),
      ...get(BATCH), ...i32Const(1), ...w.i32Ne, ...ifThen, ...batches, ...w.else, ...batchOfOne, ...end,
      ...end,
    ],
  };
}
