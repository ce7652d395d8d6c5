// math/log.ts's logarithm inside the SGD module, for the polar method's r in (0, 1) (a positive
// normal double: r is a sum of squares of multiples of 2^−52). Calling out to JavaScript for it
// cost about half of each normal (52 ns a normal at d = 100, 55 ns a logarithm, measured in
// Node); here it is the same operations in the same order on the same doubles, so each logarithm,
// and each sample, is the very double math/log.ts gives (the tests compare them bit for bit).
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LN2_HI, LN2_LO } from '../math/log.ts';
import { F64, I32, I64, get, i32Const, op, set, type FunctionSpec } from './wasmBytes.ts';

const { i32Add, i32Sub, i32And, i32Xor, i32Or, i32Eqz, i32ShrS, i32LtU, i32GtS, i32WrapI64, i64ShrU, i64Shl, i64Or, i64Const, i64ExtendI32U } = op;
const { f64Const, f64Add, f64Sub, f64Mul, f64Div, f64Eq, i64ReinterpretF64, f64ReinterpretI64, f64ConvertI32S, ifThen, block, end, br, select } = op;

/** log(x) → ln x for a positive normal double x, as math/log.ts's log. */
export function logFunction(): FunctionSpec {
  const X = 0, BITS = 1, HX = 2, K = 3, I = 4, F = 5, DK = 6, S = 7, Z = 8, W = 9, R = 10, T1 = 11, HFSQ = 12, RES = 13;
  const c = f64Const;
  /** a when k = 0, else b (both are computed; neither has side effects) */
  const kZeroOr = (a: number[], b: number[]) => [...a, ...b, ...get(K), ...i32Eqz, ...select];
  const dkHi = [...get(DK), ...c(LN2_HI), ...f64Mul];
  const dkLo = [...get(DK), ...c(LN2_LO), ...f64Mul];
  return {
    name: 'log',
    params: [F64],
    results: [F64],
    locals: [[1, I64], [3, I32], [9, F64]],
    body: [
      ...get(X), ...i64ReinterpretF64, ...set(BITS),
      ...get(BITS), ...i64Const(32), ...i64ShrU, ...i32WrapI64, ...set(HX),
      ...get(HX), ...i32Const(20), ...i32ShrS, ...i32Const(1023), ...i32Sub, ...set(K),
      ...get(HX), ...i32Const(0x000fffff), ...i32And, ...set(HX),
      // the fraction in [√2/2, √2): past √2's top bits, halve it and count one more 2
      ...get(HX), ...i32Const(0x95f64), ...i32Add, ...i32Const(0x100000), ...i32And, ...set(I),
      ...get(HX), ...get(I), ...i32Const(0x3ff00000), ...i32Xor, ...i32Or, ...i64ExtendI32U, ...i64Const(32), ...i64Shl,
      ...get(BITS), ...i32WrapI64, ...i64ExtendI32U, ...i64Or, ...f64ReinterpretI64, ...c(1), ...f64Sub, ...set(F),
      ...get(K), ...get(I), ...i32Const(20), ...i32ShrS, ...i32Add, ...set(K),
      ...get(K), ...f64ConvertI32S, ...set(DK),
      ...block,
      // |f| < 2^−20: two terms of the series
      ...i32Const(0x000fffff), ...get(HX), ...i32Const(2), ...i32Add, ...i32And, ...i32Const(3), ...i32LtU, ...ifThen,
      ...get(F), ...c(0), ...f64Eq, ...ifThen,
      ...kZeroOr(c(0), [...dkHi, ...dkLo, ...f64Add]), ...set(RES), ...br(2),
      ...end,
      ...get(F), ...get(F), ...f64Mul, ...c(0.5), ...c(0.33333333333333333), ...get(F), ...f64Mul, ...f64Sub, ...f64Mul, ...set(R),
      ...kZeroOr(
        [...get(F), ...get(R), ...f64Sub],
        [...dkHi, ...get(R), ...dkLo, ...f64Sub, ...get(F), ...f64Sub, ...f64Sub],
      ), ...set(RES), ...br(1),
      ...end,
      ...get(F), ...c(2), ...get(F), ...f64Add, ...f64Div, ...set(S),
      ...get(S), ...get(S), ...f64Mul, ...set(Z),
      ...get(Z), ...get(Z), ...f64Mul, ...set(W),
      ...get(W), ...c(LG2), ...get(W), ...c(LG4), ...get(W), ...c(LG6), ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul, ...set(T1),
      ...get(Z), ...c(LG1), ...get(W), ...c(LG3), ...get(W), ...c(LG5), ...get(W), ...c(LG7), ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul,
      ...get(T1), ...f64Add, ...set(R),
      // away from 1 ± 0.2: f − (f²/2 − s (f²/2 + R)) keeps the rounding small
      ...get(HX), ...i32Const(0x6147a), ...i32Sub, ...i32Const(0x6b851), ...get(HX), ...i32Sub, ...i32Or, ...i32Const(0), ...i32GtS, ...ifThen,
      ...c(0.5), ...get(F), ...f64Mul, ...get(F), ...f64Mul, ...set(HFSQ),
      ...kZeroOr(
        [...get(F), ...get(HFSQ), ...get(S), ...get(HFSQ), ...get(R), ...f64Add, ...f64Mul, ...f64Sub, ...f64Sub],
        [...dkHi, ...get(HFSQ), ...get(S), ...get(HFSQ), ...get(R), ...f64Add, ...f64Mul, ...dkLo, ...f64Add, ...f64Sub, ...get(F), ...f64Sub, ...f64Sub],
      ), ...set(RES), ...br(1),
      ...end,
      ...kZeroOr(
        [...get(F), ...get(S), ...get(F), ...get(R), ...f64Sub, ...f64Mul, ...f64Sub],
        [...dkHi, ...get(S), ...get(F), ...get(R), ...f64Sub, ...f64Mul, ...dkLo, ...f64Sub, ...get(F), ...f64Sub, ...f64Sub],
      ), ...set(RES),
      ...end,
      ...get(RES),
    ],
  };
}
