// The 3×3-tiled product C = A·Bᵀ of coupledKernels.ts, as a tiny WebAssembly function using
// two-lane f64 SIMD: scalar JavaScript tops out near one multiply-add per cycle, which leaves
// the squared loss at n = 300 several times over a frame's budget. The bytes are assembled
// here (a few hundred of them), so nothing is fetched and the same code runs in the worker,
// the CLI and the tests. Where WebAssembly SIMD is missing, `simdRowProduct` returns null and
// the caller keeps the JavaScript loop.
//
// rowTiles(a, b, tiles, rowBytes, out, ldcBytes): rows a, a+rowBytes, a+2·rowBytes of A
// against `tiles` consecutive row triples of B starting at b, all byte offsets into the
// memory; each entry is (Σ over even c) + (Σ over odd c), and rows must hold a multiple of 4
// doubles.

import { get, I32, moduleBytes, set, simd, uleb, V128, v128Load } from './wasmBytes.ts';

const F64X2_ADD = 0xf0, F64X2_MUL = 0xf2, F64X2_EXTRACT = 0x21;

// locals: params 0..5, then a1, a2, b1, b2, c (i32), s00..s22 (v128), x0..x2, y0..y2 (v128)
const P_A = 0, P_B = 1, P_TILES = 2, P_ROW = 3, P_OUT = 4, P_LDC = 5;
const A1 = 6, A2 = 7, B1 = 8, B2 = 9, C = 10, S = 11, X = 20, Y = 23;

function body(): number[] {
  const code: number[] = [];
  const emit = (...parts: number[][]) => parts.forEach((p) => code.push(...p));
  const i32Add = [0x6a];
  emit(get(P_A), get(P_ROW), i32Add, set(A1), get(A1), get(P_ROW), i32Add, set(A2));
  emit([0x02, 0x40]); // block
  emit(get(P_TILES), [0x45], [0x0d, 0]); // tiles == 0: leave the block
  emit([0x03, 0x40]); // loop over tiles
  emit(get(P_B), get(P_ROW), i32Add, set(B1), get(B1), get(P_ROW), i32Add, set(B2));
  for (let s = 0; s < 9; s++) emit(simd(0x0c, ...new Array(16).fill(0)), set(S + s));
  emit([0x41, 0], set(C));
  emit([0x03, 0x40]); // loop over c
  const rowsA = [P_A, A1, A2], rowsB = [P_B, B1, B2];
  // two pairs of columns per pass (rows hold a multiple of 4 doubles): half the address
  // arithmetic and branches per multiply-add
  for (const offset of [0, 16]) {
    for (let r = 0; r < 3; r++) emit(get(rowsA[r]), get(C), i32Add, v128Load(offset), set(X + r));
    for (let r = 0; r < 3; r++) emit(get(rowsB[r]), get(C), i32Add, v128Load(offset), set(Y + r));
    for (let r = 0; r < 3; r++) {
      for (let q = 0; q < 3; q++) {
        const s = S + 3 * r + q;
        emit(get(s), get(X + r), get(Y + q), simd(F64X2_MUL), simd(F64X2_ADD), set(s));
      }
    }
  }
  emit(get(C), [0x41, 32], i32Add, set(C));
  emit(get(C), get(P_ROW), [0x49], [0x0d, 0]); // c < rowBytes: next c
  emit([0x0b]); // end loop over c
  for (let r = 0; r < 3; r++) {
    for (let q = 0; q < 3; q++) {
      const s = S + 3 * r + q;
      // out + r·ldc, entry q
      emit(get(P_OUT));
      if (r > 0) emit(get(P_LDC), r === 2 ? [0x41, 1, 0x74] : [], i32Add);
      emit(get(s), simd(F64X2_EXTRACT, 0), get(s), simd(F64X2_EXTRACT, 1), [0xa0]);
      emit([0x39, 3, ...uleb(8 * q)]); // f64.store offset 8q
    }
  }
  emit(get(P_B), get(P_ROW), [0x41, 3, 0x6c], i32Add, set(P_B));
  emit(get(P_OUT), [0x41, 24], i32Add, set(P_OUT));
  emit(get(P_TILES), [0x41, 1, 0x6b], [0x22, ...uleb(P_TILES)], [0x0d, 0]); // --tiles != 0: next tile
  emit([0x0b]); // end loop over tiles
  emit([0x0b]); // end block (moduleBytes ends the function)
  return code;
}

const rowTilesModule = () =>
  moduleBytes([{ name: 'rowTiles', params: [I32, I32, I32, I32, I32, I32], results: [], locals: [[5, I32], [9, V128], [6, V128]], body: body() }]);

export type RowTiles = (a: number, b: number, tiles: number, rowBytes: number, out: number, ldcBytes: number) => void;

let compiled: WebAssembly.Module | null | undefined;

function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  try {
    const bytes = rowTilesModule();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

/** The SIMD row product on a fresh memory of `bytes` bytes, or null where SIMD is unavailable. */
export function simdRowProduct(bytes: number): { memory: WebAssembly.Memory; rowTiles: RowTiles } | null {
  const mod = simdModule();
  if (!mod) return null;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(mod, { env: { mem: memory } });
  return { memory, rowTiles: instance.exports.rowTiles as RowTiles };
}
