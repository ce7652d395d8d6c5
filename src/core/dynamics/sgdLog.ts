// math/log.ts's logarithm inside the SGD module, for the polar method's r in (0, 1) (a positive
// normal double: r is a sum of squares of multiples of 2^−52), two at a time. Calling out to
// JavaScript for it cost about half of each normal (52 ns a normal at d = 100, 55 ns a
// logarithm, measured in Node); written in the module one at a time it still took a third of
// the sampler (removing it took a step of the SGD example's part from 2.84 to 2.31 µs). In two
// lanes each lane is the same operations in the same order on the same doubles, so each
// logarithm, and each sample, is the very double math/log.ts gives (the tests compare them bit
// for bit). The scalar algorithm's branches become lane-wise choices: every branch is computed in
// both lanes and each lane keeps its own (none can trap, and the unused ones are discarded). Its
// cases for k = 0 need no lane of their own: with dk = 0 the general formulas give the same
// doubles (0·ln 2 parts are +0, and −(a − b) is b − a exactly), and ln r is never 0 here.
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO } from '../math/log.ts';
import { I32, V128, f64x2Const, get, i32Const, i64x2Const, op, set, v128Load, v128Store, type FunctionSpec } from './wasmBytes.ts';

const { i32Add, i32Shl, i32LtU, block, loop, end, brIf } = op;
const { f64x2Add, f64x2Sub, f64x2Mul, f64x2Div, v128And, v128Or, v128Xor, v128Bitselect } = op;
const { i64x2Shl, i64x2ShrS, i64x2ShrU, i64x2Add, i64x2Sub, i64x2GtS, i64x2LowHalves, f64x2ConvertLowI32x4S } = op;

/** v128 locals logLanes uses, from the index it is given */
export const LOG_LANE_LOCALS = 13;

/**
 * Leaves ln x of both lanes of the v128 local `x` on the stack, as math/log.ts's log of each
 * (x in (0, 1), positive and normal), using the LOG_LANE_LOCALS v128 locals from `first`.
 */
export function logLanes(x: number, first: number): number[] {
  const [BITS, HX, K, I, F, DK, S, Z, W, R, HFSQ, DKHI, DKLO] = Array.from({ length: LOG_LANE_LOCALS }, (_, i) => first + i);
  const c = f64x2Const, n = i64x2Const;
  return [
    ...get(x), ...set(BITS),
    // hx = the high 32 bits (x > 0, so a non-negative 64-bit lane), k its exponent
    ...get(BITS), ...i32Const(32), ...i64x2ShrU, ...set(HX),
    ...get(HX), ...i32Const(20), ...i64x2ShrS, ...n(1023), ...i64x2Sub, ...set(K),
    ...get(HX), ...n(0x000fffff), ...v128And, ...set(HX),
    // the fraction in [√2/2, √2): past √2's top bits, halve it and count one more 2
    ...get(HX), ...n(0x95f64), ...i64x2Add, ...n(0x100000), ...v128And, ...set(I),
    ...get(HX), ...get(I), ...n(0x3ff00000), ...v128Xor, ...v128Or, ...i32Const(32), ...i64x2Shl,
    ...get(BITS), ...n(0xffffffff), ...v128And, ...v128Or, ...c(1), ...f64x2Sub, ...set(F),
    ...get(K), ...get(I), ...i32Const(20), ...i64x2ShrS, ...i64x2Add, ...set(K),
    ...get(K), ...get(K), ...i64x2LowHalves, ...f64x2ConvertLowI32x4S, ...set(DK),
    ...get(DK), ...c(LN2_HI), ...f64x2Mul, ...set(DKHI),
    ...get(DK), ...c(LN2_LO), ...f64x2Mul, ...set(DKLO),
    // the general case: log(1 + f) from s = f/(2 + f) and the minimax polynomial R
    ...get(F), ...c(2), ...get(F), ...f64x2Add, ...f64x2Div, ...set(S),
    ...get(S), ...get(S), ...f64x2Mul, ...set(Z),
    ...get(Z), ...get(Z), ...f64x2Mul, ...set(W),
    ...get(Z), ...c(LG1), ...get(W), ...c(LG3), ...get(W), ...c(LG5), ...get(W), ...c(LG7), ...f64x2Mul, ...f64x2Add, ...f64x2Mul, ...f64x2Add, ...f64x2Mul, ...f64x2Add, ...f64x2Mul,
    ...get(W), ...c(LG2), ...get(W), ...c(LG4), ...get(W), ...c(LG6), ...f64x2Mul, ...f64x2Add, ...f64x2Mul, ...f64x2Add, ...f64x2Mul,
    ...f64x2Add, ...set(R),
    ...c(0.5), ...get(F), ...f64x2Mul, ...get(F), ...f64x2Mul, ...set(HFSQ),
    // away from 1 ± 0.2: f − (f²/2 − s (f²/2 + R)) keeps the rounding small
    ...get(DKHI), ...get(HFSQ), ...get(S), ...get(HFSQ), ...get(R), ...f64x2Add, ...f64x2Mul, ...get(DKLO), ...f64x2Add, ...f64x2Sub, ...get(F), ...f64x2Sub, ...f64x2Sub,
    ...get(DKHI), ...get(S), ...get(F), ...get(R), ...f64x2Sub, ...f64x2Mul, ...get(DKLO), ...f64x2Sub, ...get(F), ...f64x2Sub, ...f64x2Sub,
    ...get(HX), ...n(0x6147a), ...i64x2Sub, ...n(0x6b851), ...get(HX), ...i64x2Sub, ...v128Or, ...n(0), ...i64x2GtS,
    ...v128Bitselect,
    // |f| < 2^−20: two terms of the series (R now holds their f² (1/2 − f/3)). The scalar
    // algorithm's own case for f = 0 (0, or k·ln 2 as dk·LN2_HI + dk·LN2_LO) needs no lane of
    // its own: with f = 0 these give the same doubles
    ...get(F), ...get(F), ...f64x2Mul, ...c(0.5), ...c(0.33333333333333333), ...get(F), ...f64x2Mul, ...f64x2Sub, ...f64x2Mul, ...set(R),
    ...get(DKHI), ...get(R), ...get(DKLO), ...f64x2Sub, ...get(F), ...f64x2Sub, ...f64x2Sub,
    // the general case where (hx + 2) & 0xfffff ≥ 3, the series where it is below
    ...get(HX), ...n(2), ...i64x2Add, ...n(0x000fffff), ...v128And, ...n(2), ...i64x2GtS,
    ...v128Bitselect,
  ];
}

/** logs(at, count): the `count` doubles at `at` (count even) replaced by their logarithms, two at a time. */
export function logsFunction(): FunctionSpec {
  const AT = 0, COUNT = 1, END = 2, X = 3;
  return {
    name: 'logs',
    params: [I32, I32],
    results: [],
    locals: [[1, I32], [1 + LOG_LANE_LOCALS, V128]],
    body: [
      ...get(AT), ...get(COUNT), ...i32Const(3), ...i32Shl, ...i32Add, ...set(END),
      ...block, ...get(AT), ...get(END), ...op.i32GeU, ...brIf(0), ...loop,
      ...get(AT), ...get(AT), ...v128Load(), ...set(X), ...logLanes(X, X + 1), ...v128Store(),
      ...get(AT), ...i32Const(16), ...i32Add, ...set(AT),
      ...get(AT), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
    ],
  };
}
