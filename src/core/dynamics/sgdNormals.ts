// Gaussian samples inside the SGD module: Rng.normal (math/rng.ts) as WebAssembly, draw for draw,
// so a seed gives the same sample stream here as in JavaScript (docs/model.md §10). The profile of
// the batch-1 step at d = 100 put the sampler at a third of the step; here the generator, the
// uniforms, the polar method and its logarithm (Rng.normal's own, math/log.ts, written out in
// the module two at a time: sgdLog.ts) all run in the module, so each normal is the very double
// Rng.normal gives.
//
// The generator's state lives in the module's memory at `rng`: xoshiro128**'s four 32-bit words
// a, b, c, d at rng + 0, 4, 8, 12 and the spare normal of the polar method at rng + 16 (NaN when
// there is none), the layout Rng.saveState fills (sampleStream.ts copies it in and out), followed
// by scratch room. The points are drawn a block at a time and only then turned into normals: the
// draws and the accept/reject decisions come in the same order as Rng.normal's, so the stream is
// the same, and the block's logarithms no longer wait one for another.
import { F64, I32, V128, get, i32Const, set, op, f64Load, f64Store, f64x2Const, v128Load, v128Store, type FunctionSpec } from './wasmBytes.ts';
import { op as w } from './wasmBytes.ts';
import { LOG_LANE_LOCALS, logLanes } from './sgdLog.ts';

const { i32Add, i32Shl, i32ShrU, i32GeU, i32LtU, i32And, i32Eqz, block, loop, end, brIf, f64Const, f64Add, f64Sub, f64Mul, f64Gt, f64Eq, f64x2Mul, f64x2Div, f64x2Sqrt } = op;

/** points of the polar method drawn ahead, then turned into normals together */
const PAIRS_PER_BLOCK = 32;

/** byte offsets of the generator's state from `rng`, then room for a block of points (x, y, r) */
export const RNG_WORDS = 0, RNG_SPARE = 16, RNG_PAIRS = 32, RNG_BYTES = RNG_PAIRS + 24 * PAIRS_PER_BLOCK;
/** where the block's x, y and r (then factor) arrays start */
const POINT_FIELD = (field: number) => RNG_PAIRS + 8 * PAIRS_PER_BLOCK * field;

/**
 * normals(rng, out, count) → |x|²: fills count doubles at out with standard normals, as
 * GaussianSamples.next does with Rng.normal (the sum of squares in the same order).
 */
export function normalsFunction(): FunctionSpec {
  const RNG = 0, OUT = 1, COUNT = 2;
  const A = 3, B = 4, C = 5, D = 6, T = 7, M = 8, END = 9, J = 10, PAIRS = 11;
  const SPARE = 12, SQ = 13, V = 14, X = 15, Y = 16, R = 17, FAC = 18, RS = 19;
  // xoshiro128**: leaves the next 32-bit output on the stack under the state update
  const nextUint32 = [
    ...get(B), ...i32Const(5), ...w.i32Mul, ...i32Const(7), ...w.i32Rotl, ...i32Const(9), ...w.i32Mul,
    ...get(B), ...i32Const(9), ...i32Shl, ...set(T),
    ...get(C), ...get(A), ...w.i32Xor, ...set(C),
    ...get(D), ...get(B), ...w.i32Xor, ...set(D),
    ...get(B), ...get(C), ...w.i32Xor, ...set(B),
    ...get(A), ...get(D), ...w.i32Xor, ...set(A),
    ...get(C), ...get(T), ...w.i32Xor, ...set(C),
    ...get(D), ...i32Const(11), ...w.i32Rotl, ...set(D),
  ];
  // 2·Rng.uniform() − 1 with uniform = K/2^53, K = hi·2^26 + lo (hi the first draw's top 27 bits,
  // lo the second's top 26): 2K/2^53 − 1 = K·2^-52 − 1, and as K < 2^53 every step of either
  // form is exact, so this is the very double JavaScript computes, in fewer operations
  const symmetric = [
    ...nextUint32, ...i32Const(5), ...i32ShrU, ...w.i64ExtendI32U, ...w.i64Const(26), ...w.i64Shl,
    ...nextUint32, ...i32Const(6), ...i32ShrU, ...w.i64ExtendI32U, ...w.i64Or,
    ...w.f64ConvertI64S, ...f64Const(2 ** -52), ...f64Mul, ...f64Const(1), ...f64Sub,
  ];
  const pointAddress = [...get(RNG), ...get(J), ...i32Const(3), ...i32Shl, ...i32Add];
  const pairAt = (field: number) => [...pointAddress, ...f64Load(POINT_FIELD(field))];
  const storePair = (field: number, value: number) => [...pointAddress, ...get(value), ...f64Store(POINT_FIELD(field))];
  const emit = [
    ...get(M), ...get(V), ...f64Store(),
    ...get(SQ), ...get(V), ...get(V), ...f64Mul, ...f64Add, ...set(SQ),
    ...get(M), ...i32Const(8), ...i32Add, ...set(M),
  ];
  return {
    name: 'normals',
    params: [I32, I32, I32],
    results: [F64],
    locals: [[9, I32], [7, F64], [1 + LOG_LANE_LOCALS, V128]],
    body: [
      ...get(RNG), ...w.i32Load(RNG_WORDS), ...set(A),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 4), ...set(B),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 8), ...set(C),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 12), ...set(D),
      ...get(RNG), ...f64Load(RNG_SPARE), ...set(SPARE),
      ...get(OUT), ...set(M),
      ...get(OUT), ...get(COUNT), ...i32Const(3), ...i32Shl, ...i32Add, ...set(END),
      // the spare from the last pair first, if there is one (it is NaN when not)
      ...get(COUNT), ...get(SPARE), ...get(SPARE), ...f64Eq, ...i32And, ...op.ifThen,
      ...get(SPARE), ...set(V), ...emit,
      ...f64Const(NaN), ...set(SPARE),
      ...end,
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      // a block of accepted points: as many pairs as the normals still to come need, at most PAIRS_PER_BLOCK
      ...get(END), ...get(M), ...op.i32Sub, ...i32Const(8), ...i32Add, ...i32Const(4), ...i32ShrU, ...set(PAIRS),
      ...get(PAIRS), ...i32Const(PAIRS_PER_BLOCK), ...w.i32GtS, ...op.ifThen, ...i32Const(PAIRS_PER_BLOCK), ...set(PAIRS), ...end,
      ...i32Const(0), ...set(J),
      ...loop,
      // Marsaglia's polar method: a point uniform in the square until it falls inside the unit disc
      ...loop,
      ...symmetric, ...set(X),
      ...symmetric, ...set(Y),
      ...get(X), ...get(X), ...f64Mul, ...get(Y), ...get(Y), ...f64Mul, ...f64Add, ...set(R),
      ...get(R), ...f64Const(0), ...f64Gt, ...get(R), ...f64Const(1), ...w.f64Lt, ...i32And, ...i32Eqz, ...brIf(0),
      ...end,
      ...storePair(0, X), ...storePair(1, Y), ...storePair(2, R),
      ...get(J), ...i32Const(1), ...i32Add, ...set(J),
      ...get(J), ...get(PAIRS), ...i32LtU, ...brIf(0), ...end,
      // their factors f = √(−2 ln r / r), two at a time in place of their r (with an odd count
      // the last lane's r is left over from an earlier block, or zero, and its factor unused)
      ...i32Const(0), ...set(J),
      ...loop,
      ...pointAddress, ...pointAddress, ...v128Load(POINT_FIELD(2)), ...set(RS),
      ...f64x2Const(-2), ...logLanes(RS, RS + 1), ...f64x2Mul, ...get(RS), ...f64x2Div, ...f64x2Sqrt, ...v128Store(POINT_FIELD(2)),
      ...get(J), ...i32Const(2), ...i32Add, ...set(J),
      ...get(J), ...get(PAIRS), ...i32LtU, ...brIf(0), ...end,
      // their normals x·f and y·f
      ...i32Const(0), ...set(J),
      ...loop,
      ...pairAt(2), ...set(FAC),
      ...pairAt(0), ...get(FAC), ...f64Mul, ...set(V), ...emit,
      ...pairAt(1), ...get(FAC), ...f64Mul, ...set(V),
      ...get(M), ...get(END), ...i32LtU, ...op.ifThen, ...emit, ...w.else, ...get(V), ...set(SPARE), ...end,
      ...get(J), ...i32Const(1), ...i32Add, ...set(J),
      ...get(J), ...get(PAIRS), ...i32LtU, ...brIf(0), ...end,
      ...get(M), ...get(END), ...i32LtU, ...brIf(0), ...end, ...end,
      ...get(RNG), ...get(A), ...w.i32Store(RNG_WORDS),
      ...get(RNG), ...get(B), ...w.i32Store(RNG_WORDS + 4),
      ...get(RNG), ...get(C), ...w.i32Store(RNG_WORDS + 8),
      ...get(RNG), ...get(D), ...w.i32Store(RNG_WORDS + 12),
      ...get(RNG), ...get(SPARE), ...f64Store(RNG_SPARE),
      ...get(SQ),
    ],
  };
}
