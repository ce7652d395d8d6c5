// Gaussian samples inside the SGD module: Rng.normal (math/rng.ts) as WebAssembly, draw for draw,
// so a seed gives the same sample stream here as in JavaScript (docs/model.md §10). The profile of
// the batch-1 step at d = 100 put the sampler, Math.log above all, at a third of the step; here it
// runs without a call out of the module per normal.
//
// The generator's state lives in the module's memory at `rng`: xoshiro128**'s four 32-bit words
// a, b, c, d at rng + 0, 4, 8, 12 and the spare normal of the polar method at rng + 16 (NaN when
// there is none), the layout Rng.saveState fills (sampleStream.ts copies it in and out).
import { F64, I32, get, i32Const, set, op, f64Load, f64Store, type FunctionSpec } from './wasmBytes.ts';
import { wasmOps as w } from './sgdWasmOps.ts';

const { i32Add, i32Shl, i32ShrU, i32GeU, i32LtU, i32And, i32Eqz, block, loop, end, brIf, call, f64Const, f64Add, f64Sub, f64Mul, f64Div, f64Sqrt, f64Gt, f64Eq } = op;

/** byte offsets of the generator's state from `rng` */
export const RNG_WORDS = 0, RNG_SPARE = 16, RNG_BYTES = 24;

/**
 * normals(rng, out, count) → |x|²: fills count doubles at out with standard normals, as
 * GaussianSamples.next does with Rng.normal (the sum of squares in the same order).
 * `logIndex` is the module's index of sgdLog.ts's log.
 */
export function normalsFunction(logIndex: number): FunctionSpec {
  const RNG = 0, OUT = 1, COUNT = 2;
  const A = 3, B = 4, C = 5, D = 6, T = 7, M = 8, END = 9;
  const SPARE = 10, SQ = 11, V = 12, X = 13, Y = 14, R = 15, FAC = 16;
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
  // Rng.uniform: (hi·2^26 + lo)/2^53 with hi the first draw's top 27 bits, lo the second's top 26;
  // every step is exact, so multiplying by 2^-53 gives the very double the division gives
  const uniform = [
    ...nextUint32, ...i32Const(5), ...i32ShrU, ...w.f64ConvertI32U, ...f64Const(67108864), ...f64Mul,
    ...nextUint32, ...i32Const(6), ...i32ShrU, ...w.f64ConvertI32U, ...f64Add,
    ...f64Const(2 ** -53), ...f64Mul,
  ];
  const symmetric = [...f64Const(2), ...uniform, ...f64Mul, ...f64Const(1), ...f64Sub];
  return {
    name: 'normals',
    params: [I32, I32, I32],
    results: [F64],
    locals: [[7, I32], [7, F64]],
    body: [
      ...get(RNG), ...w.i32Load(RNG_WORDS), ...set(A),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 4), ...set(B),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 8), ...set(C),
      ...get(RNG), ...w.i32Load(RNG_WORDS + 12), ...set(D),
      ...get(RNG), ...f64Load(RNG_SPARE), ...set(SPARE),
      ...get(OUT), ...set(M),
      ...get(OUT), ...get(COUNT), ...i32Const(3), ...i32Shl, ...i32Add, ...set(END),
      ...block, ...get(M), ...get(END), ...i32GeU, ...brIf(0), ...loop,
      // the spare from the last pair if there is one (it is NaN when not)
      ...get(SPARE), ...get(SPARE), ...f64Eq, ...op.ifThen,
      ...get(SPARE), ...set(V),
      ...f64Const(NaN), ...set(SPARE),
      ...w.else,
      // Marsaglia's polar method: a point uniform in the square until it falls inside the unit disc
      ...loop,
      ...symmetric, ...set(X),
      ...symmetric, ...set(Y),
      ...get(X), ...get(X), ...f64Mul, ...get(Y), ...get(Y), ...f64Mul, ...f64Add, ...set(R),
      ...get(R), ...f64Const(0), ...f64Gt, ...get(R), ...f64Const(1), ...w.f64Lt, ...i32And, ...i32Eqz, ...brIf(0),
      ...end,
      ...f64Const(-2), ...get(R), ...call(logIndex), ...f64Mul, ...get(R), ...f64Div, ...f64Sqrt, ...set(FAC),
      ...get(Y), ...get(FAC), ...f64Mul, ...set(SPARE),
      ...get(X), ...get(FAC), ...f64Mul, ...set(V),
      ...end,
      ...get(M), ...get(V), ...f64Store(),
      ...get(SQ), ...get(V), ...get(V), ...f64Mul, ...f64Add, ...set(SQ),
      ...get(M), ...i32Const(8), ...i32Add, ...set(M),
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
