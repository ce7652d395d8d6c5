// A few encoders for writing small WebAssembly modules as bytes in code (the SIMD kernels beside
// this file build theirs at load, so nothing is fetched and the same code runs in the worker,
// the CLI and the tests).

export const I32 = 0x7f, I64 = 0x7e, F64 = 0x7c, V128 = 0x7b;

export function uleb(x: number): number[] {
  const out: number[] = [];
  do {
    let byte = x & 0x7f;
    x >>>= 7;
    if (x !== 0) byte |= 0x80;
    out.push(byte);
  } while (x !== 0);
  return out;
}

/** Signed LEB128 of a small non-negative or negative integer (i32.const immediates). */
export function sleb(x: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (byte & 0x40) === 0) || (x === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const ascii = (s: string) => Array.from(s, (ch) => ch.charCodeAt(0));

export const get = (l: number) => [0x20, ...uleb(l)];
export const set = (l: number) => [0x21, ...uleb(l)];
export const i32Const = (v: number) => [0x41, ...sleb(v)];
export const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
/** v128.load / v128.store with an 8-byte alignment hint (rows of doubles at any offset) */
export const v128Load = (offset = 0) => simd(0x00, 3, ...uleb(offset));
export const v128Store = (offset = 0) => simd(0x0b, 3, ...uleb(offset));
export const f64Load = (offset = 0) => [0x2b, 3, ...uleb(offset)];
export const f64Store = (offset = 0) => [0x39, 3, ...uleb(offset)];

export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  i32LtU: [0x49],
  i32GeU: [0x4f],
  i32Sub: [0x6b],
  i32Eqz: [0x45],
  i32And: [0x71],
  i32Load8U: (offset = 0) => [0x2d, 0, ...uleb(offset)],
  i32Store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  ifThen: [0x04, 0x40],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  call: (fn: number) => [0x10, ...uleb(fn)],
  f64Const: (v: number) => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)],
  f64Add: [0xa0],
  f64Sub: [0xa1],
  f64Mul: [0xa2],
  f64Div: [0xa3],
  f64Sqrt: [0x9f],
  f64Gt: [0x64],
  f64Eq: [0x61],
  f64x2Splat: simd(0x14),
  f64x2Lane: (lane: number) => simd(0x21, lane),
  f64x2Add: simd(0xf0),
  f64x2Mul: simd(0xf2),
  // the SGD module's: 32-bit integer arithmetic for its generator, the 64-bit integers and
  // conversions that build its uniforms, comparisons, `else`, and more two-lane f64 operations
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
  f64x2Sub: simd(0xf1),
  f64x2Div: simd(0xf3),
  f64x2Sqrt: simd(0xef),
  f64x2Eq: simd(0x47),
  f64x2Gt: simd(0x4a),
  v128And: simd(0x4e),
  i64x2Lane: (lane: number) => simd(0x1d, lane),
  i64Eqz: [0x50],
  // the logarithm's (sgdLog.ts): a double's two 32-bit halves, and a choice without a branch
  i64ReinterpretF64: [0xbd],
  f64ReinterpretI64: [0xbf],
  i64ShrU: [0x88],
  i32WrapI64: [0xa7],
  i32ShrS: [0x75],
  i32Or: [0x72],
  f64ConvertI32S: [0xb7],
  select: [0x1b],
  // the logarithm in two lanes (sgdLog.ts): 64-bit integer lanes, a lane-wise choice, and the
  // conversion of two 32-bit integers to doubles
  v128Or: simd(0x50),
  v128Xor: simd(0x51),
  v128Bitselect: simd(0x52),
  i64x2Shl: simd(0xcb),
  i64x2ShrS: simd(0xcc),
  i64x2ShrU: simd(0xcd),
  i64x2Add: simd(0xce),
  i64x2Sub: simd(0xd1),
  i64x2GtS: simd(0xd9),
  /** of two vectors, the first one's low 32-bit halves of its 64-bit lanes, into 32-bit lanes 0 and 1 */
  i64x2LowHalves: simd(0x0d, 0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11),
  f64x2ConvertLowI32x4S: simd(0xfe),
};

/** v128.const of two equal doubles */
export const f64x2Const = (v: number) => simd(0x0c, ...new Uint8Array(Float64Array.of(v, v).buffer));
/** v128.const of two equal 64-bit integers */
export const i64x2Const = (v: number) => simd(0x0c, ...new Uint8Array(BigInt64Array.of(BigInt(v), BigInt(v)).buffer));

export interface FunctionSpec {
  name: string;
  params: number[];
  results: number[];
  /** locals after the parameters, as [count, type] runs */
  locals: [number, number][];
  body: number[];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

/** A function the module imports from env (its name there, its signature). */
export interface ImportSpec {
  name: string;
  params: number[];
  results: number[];
}

/**
 * A module importing env.mem (at least one page) and the given functions, and exporting the given
 * functions. Imported functions come first in the index space: function i of `fns` is called as
 * imports.length + i.
 */
export function moduleBytes(fns: FunctionSpec[], functionImports: ImportSpec[] = []): Uint8Array<ArrayBuffer> {
  const signature = (f: { params: number[]; results: number[] }) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))];
  const types = [...fns.map(signature), ...functionImports.map(signature)];
  const imports = [
    ...functionImports.map((f, i) => [...uleb(3), ...ascii('env'), ...uleb(f.name.length), ...ascii(f.name), 0x00, ...uleb(fns.length + i)]),
    [...uleb(3), ...ascii('env'), ...uleb(3), ...ascii('mem'), 0x02, 0x00, 1],
  ];
  const exports = fns.map((f, i) => [...uleb(f.name.length), ...ascii(f.name), 0x00, ...uleb(functionImports.length + i)]);
  const codes = fns.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec(imports)),
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}
