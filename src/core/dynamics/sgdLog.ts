// The natural logarithm as a WebAssembly function that returns what JavaScript's Math.log returns,
// bit for bit, so the Gaussian sampler can run inside the SGD module (sgdNormals.ts) and a seed
// still gives the same run as the JavaScript sampler (docs/model.md §10). V8 computes Math.log
// with the classic fdlibm algorithm: split x = 2^k·(1 + f) with 1 + f in [√2/2, √2), write
// log(1 + f) = 2s + s·R(s²) with s = f/(2 + f) and a degree-14 minimax polynomial R, and add
// k·ln 2 as a high part (exact in a double) and a low part. This is that algorithm, step for step:
// the same constants, the same order of every rounded operation, no fused multiply-add, and the
// word manipulations done on the 64-bit pattern of x. sgdLog.test.ts compares it with Math.log
// on more than a million inputs.
import { F64, I32, get, i32Const, set, op, type FunctionSpec } from './wasmBytes.ts';
import { I64, wasmOps as w } from './sgdWasmOps.ts';

const { i32Add, i32Sub, i32And, i32Eqz, ifThen, end, f64Const, f64Add, f64Sub, f64Mul, f64Div, f64Eq } = op;

const LN2_HI = 6.93147180369123816490e-1; // 0x3fe62e42 fee00000: k·LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
const TWO54 = 1.8014398509481984e16; // scales a subnormal x into the normal range
const LG = [
  6.666666666666735130e-1, // 0x3fe55555 55555593
  3.999999999940941908e-1, // 0x3fd99999 9997fa04
  2.857142874366239149e-1, // 0x3fd24924 94229359
  2.222219843214978396e-1, // 0x3fcc71c5 1d8e78af
  1.818357216161805012e-1, // 0x3fc74664 96cb03de
  1.531383769920937332e-1, // 0x3fc39a09 d078c69f
  1.479819860511658591e-1, // 0x3fc2f112 df3e5244
];

/** log(x): f64 → f64, Math.log's value for every x. */
export function logFunction(): FunctionSpec {
  const X = 0;
  const HX = 1, LX = 2, K = 3, I = 4, J = 5;
  const BITS = 6;
  const F = 7, S = 8, Z = 9, W = 10, R = 11, DK = 12, HFSQ = 13;
  const highWordOf = [...get(BITS), ...w.i64Const32, ...w.i64ShrU, ...w.i32WrapI64, ...set(HX)];
  const ret = (value: number[]) => [...value, ...w.return];
  const constant = (v: number) => f64Const(v);
  return {
    name: 'log',
    params: [F64],
    results: [F64],
    locals: [[5, I32], [1, I64], [7, F64]],
    body: [
      ...get(X), ...w.i64ReinterpretF64, ...set(BITS),
      ...highWordOf,
      ...get(BITS), ...w.i32WrapI64, ...set(LX),
      // below the normal range: log(±0) = −∞, log(negative) = NaN, a subnormal is scaled by 2^54
      ...get(HX), ...i32Const(0x00100000), ...w.i32LtS, ...ifThen,
      ...get(HX), ...i32Const(0x7fffffff), ...i32And, ...get(LX), ...w.i32Or, ...i32Eqz,
      ...ifThen, ...ret(constant(-Infinity)), ...end,
      ...get(HX), ...i32Const(0), ...w.i32LtS,
      ...ifThen, ...ret([...get(X), ...get(X), ...f64Sub, ...constant(0), ...f64Div]), ...end,
      ...i32Const(-54), ...set(K),
      ...get(X), ...constant(TWO54), ...f64Mul, ...set(X),
      ...get(X), ...w.i64ReinterpretF64, ...set(BITS),
      ...highWordOf,
      ...end,
      // +∞ and NaN
      ...get(HX), ...i32Const(0x7ff00000), ...w.i32GeS, ...ifThen, ...ret([...get(X), ...get(X), ...f64Add]), ...end,
      ...get(K), ...get(HX), ...i32Const(20), ...w.i32ShrS, ...i32Const(1023), ...i32Sub, ...i32Add, ...set(K),
      ...get(HX), ...i32Const(0x000fffff), ...i32And, ...set(HX),
      // i = 0x100000 when the mantissa is at or above √2: x/2 then, and k + 1
      ...get(HX), ...i32Const(0x95f64), ...i32Add, ...i32Const(0x100000), ...i32And, ...set(I),
      ...get(HX), ...get(I), ...i32Const(0x3ff00000), ...w.i32Xor, ...w.i32Or, ...w.i64ExtendI32U, ...w.i64Const32, ...w.i64Shl,
      ...get(BITS), ...w.i32WrapI64, ...w.i64ExtendI32U, ...w.i64Or, ...w.f64ReinterpretI64, ...set(X),
      ...get(K), ...get(I), ...i32Const(20), ...w.i32ShrS, ...i32Add, ...set(K),
      ...get(X), ...constant(1), ...f64Sub, ...set(F),
      ...get(K), ...w.f64ConvertI32S, ...set(DK),
      // |f| < 2^-20: a short series
      ...i32Const(0x000fffff), ...get(HX), ...i32Const(2), ...i32Add, ...i32And, ...i32Const(3), ...w.i32LtS, ...ifThen,
      ...get(F), ...constant(0), ...f64Eq, ...ifThen,
      ...get(K), ...i32Eqz, ...ifThen, ...ret(constant(0)), ...end,
      ...ret([...get(DK), ...constant(LN2_HI), ...f64Mul, ...get(DK), ...constant(LN2_LO), ...f64Mul, ...f64Add]),
      ...end,
      // R = f·f·(0.5 − f/3)
      ...get(F), ...get(F), ...f64Mul, ...constant(0.5), ...constant(0.33333333333333333), ...get(F), ...f64Mul, ...f64Sub, ...f64Mul, ...set(R),
      ...get(K), ...i32Eqz, ...ifThen, ...ret([...get(F), ...get(R), ...f64Sub]), ...end,
      // k·ln2_hi − ((R − k·ln2_lo) − f)
      ...ret([
        ...get(DK), ...constant(LN2_HI), ...f64Mul,
        ...get(R), ...get(DK), ...constant(LN2_LO), ...f64Mul, ...f64Sub, ...get(F), ...f64Sub,
        ...f64Sub,
      ]),
      ...end,
      // s = f/(2 + f), z = s², w = z²
      ...get(F), ...constant(2), ...get(F), ...f64Add, ...f64Div, ...set(S),
      ...get(S), ...get(S), ...f64Mul, ...set(Z),
      ...get(HX), ...i32Const(0x6147a), ...i32Sub, ...set(I),
      ...get(Z), ...get(Z), ...f64Mul, ...set(W),
      ...i32Const(0x6b851), ...get(HX), ...i32Sub, ...set(J),
      // R = t2 + t1, t2 = z(Lg1 + w(Lg3 + w(Lg5 + w·Lg7))), t1 = w(Lg2 + w(Lg4 + w·Lg6))
      ...get(Z), ...constant(LG[0]), ...get(W), ...constant(LG[2]), ...get(W), ...constant(LG[4]), ...get(W), ...constant(LG[6]),
      ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul,
      ...get(W), ...constant(LG[1]), ...get(W), ...constant(LG[3]), ...get(W), ...constant(LG[5]),
      ...f64Mul, ...f64Add, ...f64Mul, ...f64Add, ...f64Mul,
      ...f64Add, ...set(R),
      // a mantissa far from 1 takes the more careful form with hfsq = f²/2
      ...get(I), ...get(J), ...w.i32Or, ...i32Const(0), ...w.i32GtS, ...w.ifF64,
      ...constant(0.5), ...get(F), ...f64Mul, ...get(F), ...f64Mul, ...set(HFSQ),
      ...get(K), ...i32Eqz, ...w.ifF64,
      // f − (hfsq − s(hfsq + R))
      ...get(F), ...get(HFSQ), ...get(S), ...get(HFSQ), ...get(R), ...f64Add, ...f64Mul, ...f64Sub, ...f64Sub,
      ...w.else,
      // k·ln2_hi − ((hfsq − (s(hfsq + R) + k·ln2_lo)) − f)
      ...get(DK), ...constant(LN2_HI), ...f64Mul,
      ...get(HFSQ), ...get(S), ...get(HFSQ), ...get(R), ...f64Add, ...f64Mul, ...get(DK), ...constant(LN2_LO), ...f64Mul, ...f64Add,
      ...f64Sub, ...get(F), ...f64Sub,
      ...f64Sub,
      ...end,
      ...w.else,
      ...get(K), ...i32Eqz, ...w.ifF64,
      // f − s(f − R)
      ...get(F), ...get(S), ...get(F), ...get(R), ...f64Sub, ...f64Mul, ...f64Sub,
      ...w.else,
      // k·ln2_hi − ((s(f − R) − k·ln2_lo) − f)
      ...get(DK), ...constant(LN2_HI), ...f64Mul,
      ...get(S), ...get(F), ...get(R), ...f64Sub, ...f64Mul, ...get(DK), ...constant(LN2_LO), ...f64Mul, ...f64Sub,
      ...get(F), ...f64Sub,
      ...f64Sub,
      ...end,
      ...end,
    ],
  };
}
