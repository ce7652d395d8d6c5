// The opcodes the SGD module needs beyond wasmBytes.ts's `op`: 32-bit integer arithmetic for the
// generator, the 64-bit integers and conversions that build its uniforms, comparisons, `else`, and
// a few two-lane f64 operations.
import { simd, uleb } from './wasmBytes.ts';

export const wasmOps = {
  i32Mul: [0x6c],
  i32Xor: [0x73],
  i32Rotl: [0x77],
  i32GtS: [0x4a],
  i32LeU: [0x4d],
  i32Ne: [0x47],
  i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
  i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
  /** i64.const of a small non-negative shift count (below 64) */
  i64Const: (v: number) => [0x42, v],
  i64Or: [0x84],
  i64Shl: [0x86],
  i64ExtendI32U: [0xad],
  f64ConvertI32U: [0xb8],
  f64ConvertI64S: [0xb9],
  f64Lt: [0x63],
  else: [0x05],
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
