// The opcodes the SGD module needs beyond wasmBytes.ts's `op`: 32-bit integer arithmetic for the
// generator, 64-bit reinterpretation for the logarithm's bit tricks, conversions, comparisons
// and structured control with a result.
import { F64, simd, uleb } from './wasmBytes.ts';

export const I64 = 0x7e;

export const wasmOps = {
  i32Mul: [0x6c],
  i32Or: [0x72],
  i32Xor: [0x73],
  i32Rotl: [0x77],
  i32ShrS: [0x75],
  i32LtS: [0x48],
  i32GtS: [0x4a],
  i32GeS: [0x4e],
  i32LeU: [0x4d],
  i32Ne: [0x47],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  i64Const32: [0x42, 32],
  /** i64.const of a small non-negative shift count (below 64) */
  i64Const: (v: number) => [0x42, v],
  i64Or: [0x84],
  i64Shl: [0x86],
  i64ShrU: [0x88],
  i32WrapI64: [0xa7],
  i64ExtendI32U: [0xad],
  i64ReinterpretF64: [0xbd],
  f64ReinterpretI64: [0xbf],
  f64ConvertI32S: [0xb7],
  f64ConvertI32U: [0xb8],
  f64ConvertI64S: [0xb9],
  f64Lt: [0x63],
  f64Ne: [0x62],
  /** `if` whose two arms each leave one f64 */
  ifF64: [0x04, F64],
  else: [0x05],
  return: [0x0f],
};

/** Two-lane f64 operations beyond wasmBytes.ts's, and the lane tests of their comparisons. */
export const simdOps = {
  f64x2Sub: simd(0xf1),
  f64x2Div: simd(0xf3),
  f64x2Sqrt: simd(0xef),
  f64x2Eq: simd(0x47),
  f64x2Gt: simd(0x4a),
  v128And: simd(0x4e),
  i64x2Lane: (lane: number) => simd(0x1d, lane),
  i64Eqz: [0x50],
};
