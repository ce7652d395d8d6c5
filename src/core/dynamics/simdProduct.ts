// The tiled product C = A·Bᵀ of coupledKernels.ts, as a tiny WebAssembly function using
// two-lane f64 SIMD: scalar JavaScript tops out near one multiply-add per cycle, which leaves
// the squared loss at n = 300 several times over a frame's budget. The bytes are assembled
// here (a few hundred of them), so nothing is fetched and the same code runs in the worker,
// the CLI and the tests. Where WebAssembly SIMD is missing, `simdPanelProduct` returns null and
// the caller keeps the JavaScript loop.
//
// Both operands come in panels (coupledKernels.ts): two rows interleaved by column pairs, so one
// pointer walks a panel and every load is at a constant offset from it. A tile is 4 rows of A
// (two panels) against 2 of B (one panel): its 8 accumulators, the 4 values of A's pair, the 2
// of B's and the register that holds a product are the 15 vector registers the compiler
// allocates on x64 (it keeps the 16th as scratch), so nothing goes through the stack. (A 3×3
// tile over plain rows, six loads per nine products, needed 16 once the compiler had scheduled
// every load of a pass first, and spilled five accumulators on every pass: a quarter slower.)
//
// panelTiles(a, b, tiles, panelBytes, out, ldcBytes): rows 4i..4i+3 of A, the panels at a and
// a + panelBytes, against `tiles` consecutive panels of B starting at b, all byte offsets into
// the memory, into C at out (row stride ldcBytes). Each entry is (Σ over even c) + (Σ over
// odd c), each lane summed in the order of c, every product rounded before its addition; so
// the tile's shape and the layout leave every bit of the result as it is.

import { I32, V128, f64Store, get, i32Const, moduleBytes, op, set, simd, v128Load, type FunctionSpec } from './wasmBytes.ts';

const { i32Add, i32Sub, i32LtU, i32Eqz, f64Add, f64x2Add, f64x2Mul, f64x2Lane, block, loop, end, brIf } = op;

const i32Mul = [0x6c];

/** bytes of one column pair of a panel: two rows × two doubles */
const PAIR_BYTES = 32;

// locals: params 0..5, then pa, pa2, pb, end (i32), s00..s31 (v128), x0..x3, y0, y1 (v128)
const P_A = 0, P_B = 1, P_TILES = 2, P_PANEL = 3, P_OUT = 4, P_LDC = 5;
const PA = 6, PA2 = 7, PB = 8, END = 9, S = 10, X = 18, Y = 22;

function panelTiles(): FunctionSpec {
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  emit(get(P_A), get(P_PANEL), i32Add, set(END));
  emit(get(P_B), set(PB));
  emit(block, get(P_TILES), i32Eqz, brIf(0));
  emit(loop); // over tiles; PB is at the tile's panel of B
  for (let s = 0; s < 8; s++) emit(simd(0x0c, ...new Array(16).fill(0)), set(S + s));
  emit(get(P_A), set(PA), get(END), set(PA2));
  emit(loop); // over column pairs
  emit(get(PA), v128Load(0), set(X), get(PA), v128Load(16), set(X + 1));
  emit(get(PA2), v128Load(0), set(X + 2), get(PA2), v128Load(16), set(X + 3));
  emit(get(PB), v128Load(0), set(Y), get(PB), v128Load(16), set(Y + 1));
  for (let r = 0; r < 4; r++) {
    for (let q = 0; q < 2; q++) {
      const s = S + 2 * r + q;
      emit(get(s), get(X + r), get(Y + q), f64x2Mul, f64x2Add, set(s));
    }
  }
  emit(get(PA), i32Const(PAIR_BYTES), i32Add, set(PA));
  emit(get(PA2), i32Const(PAIR_BYTES), i32Add, set(PA2));
  emit(get(PB), i32Const(PAIR_BYTES), i32Add, set(PB));
  emit(get(PA), get(END), i32LtU, brIf(0));
  emit(end); // PB now starts the next panel of B
  for (let r = 0; r < 4; r++) {
    for (let q = 0; q < 2; q++) {
      const s = S + 2 * r + q;
      emit(get(P_OUT));
      if (r > 0) emit(get(P_LDC), i32Const(r), i32Mul, i32Add);
      emit(get(s), f64x2Lane(0), get(s), f64x2Lane(1), f64Add, f64Store(8 * q));
    }
  }
  emit(get(P_OUT), i32Const(16), i32Add, set(P_OUT));
  emit(get(P_TILES), i32Const(1), i32Sub, [0x22, P_TILES], brIf(0)); // --tiles != 0: next tile
  emit(end, end); // loop over tiles, block
  return {
    name: 'panelTiles',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[4, I32], [8, V128], [6, V128]],
    body: code,
  };
}

export type PanelTiles = (a: number, b: number, tiles: number, panelBytes: number, out: number, ldcBytes: number) => void;

let compiled: WebAssembly.Module | null | undefined;

function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = moduleBytes([panelTiles()]);
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The SIMD panel product on a fresh memory of `bytes` bytes, or null where SIMD is unavailable. */
export function simdPanelProduct(bytes: number): { memory: WebAssembly.Memory; panelTiles: PanelTiles } | null {
  const mod = simdModule();
  if (!mod) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(mod, { env: { mem: memory } });
  return { memory, panelTiles: instance.exports.panelTiles as PanelTiles };
}
