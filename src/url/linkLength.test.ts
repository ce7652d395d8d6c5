// The longest link the schema table can produce, derived from its rows (so a row added later
// is counted too), against what hosts accept. Every value's longest written form is bounded
// from the row alone: numbers by JavaScript's number-to-text rules, texts by their alphabet,
// packed lists by their byte count. Then a link that reaches the bound is built and measured.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, TEXT_CHARACTERS } from './codec.ts';
import { MAX_SERVER_URL } from './serverLimit.ts';
import { longestPacked } from './packedNumbers.ts';
import { defaultParams, SCHEMA, type Field, type Params } from './schema.ts';

const ROWS = SCHEMA as readonly Field[];

/** Room left for the page's own address (scheme, host, sub-path) in front of the query. */
const ADDRESS_ALLOWANCE = 128;

/**
 * Length of String(x) for a double with 17 significant digits (the most any double needs)
 * and decimal exponent n, that is x = 0.d₁…d₁₇ × 10ⁿ (ECMAScript Number::toString).
 */
function textLength(n: number): number {
  const k = 17;
  if (k <= n && n <= 21) return n;
  if (0 < n && n <= 21) return k + 1;
  if (-6 < n && n <= 0) return 2 - n + k;
  return k + 1 + 2 + String(Math.abs(n - 1)).length; // d.ddd e± exponent
}

/** Decimal exponent n of |x| = 0.d… × 10ⁿ. */
const exponentOf = (x: number) => Math.floor(Math.log10(Math.abs(x))) + 1;

/** Longest text of any double in [min, max], as encode writes it (−0 as "-0"). */
function longestNumberText(min: number, max: number): number {
  const big = Math.max(Math.abs(min), Math.abs(max));
  // down to the smallest subnormal when the range holds 0, else down to the smaller end
  const smallest = min <= 0 && max >= 0 ? Number.MIN_VALUE : Math.min(Math.abs(min), Math.abs(max));
  const sign = min < 0 ? 1 : 0;
  let longest = Math.max(String(min).length, String(max).length, min <= 0 && max >= 0 ? 2 : 0);
  for (let n = exponentOf(smallest); n <= exponentOf(big); n++) longest = Math.max(longest, sign + textLength(n));
  return longest;
}

const longestIntText = (f: Field) => Math.max(String(f.min).length, String(f.max).length);

/** How long a value is in encode's output (the text after "key="). */
function encodedLength(f: Field, value: unknown): number {
  const q = encode({ ...defaultParams(), [f.key]: value } as Params);
  const part = q.split('&').find((kv) => kv.startsWith(`${encodeURIComponent(f.key)}=`));
  // a row marked omitDefault is not written at its default: nothing to count for that value
  if (part === undefined) return 0;
  return part.length - encodeURIComponent(f.key).length - 1;
}

/** The longest a row's value can be in a link, from the row alone. */
function longestValue(f: Field): number {
  switch (f.type) {
    case 'int':
      return longestIntText(f);
    case 'number':
      return longestNumberText(f.min!, f.max!);
    case 'bool':
      return 1;
    case 'enum':
      return Math.max(...f.values!.map((v) => encodedLength(f, v)));
    case 'text':
      return f.maxLength! * Math.max(...[...TEXT_CHARACTERS].map((c) => encodedLength(f, `a${c}a`) - 2));
    case 'numbers': {
      const decimal = f.maxLength! * (longestNumberText(f.min!, f.max!) + 1) - 1;
      return f.packed ? Math.min(decimal, longestPacked(f.maxLength!)) : decimal;
    }
  }
}

const schemaBound = () => ROWS.reduce((sum, f) => sum + encodeURIComponent(f.key).length + 1 + longestValue(f), ROWS.length - 1);

/** A value of a row as long as it can be written (17 significant digits at the longest exponent). */
function longestExample(f: Field, random: () => number): unknown {
  const numberAt = (min: number, max: number) => {
    const target = longestNumberText(min, max);
    // most doubles need all 17 digits: a few tries per decade find one
    for (const sign of min < 0 ? [-1, 1] : [1]) {
      for (let e = -324; e <= 308; e++) {
        for (let t = 0; t < 50; t++) {
          const x = sign * (1 + 9 * random()) * 10 ** e;
          if (x >= min && x <= max && String(x).length === target) return x;
        }
      }
    }
    throw new Error(`no number of length ${target} in [${min}, ${max}]`);
  };
  switch (f.type) {
    case 'int':
      return String(f.min).length > String(f.max).length ? f.min : f.max;
    case 'number':
      return numberAt(f.min!, f.max!);
    case 'bool':
      return true;
    case 'enum':
      return f.values!.reduce((a, b) => (encodedLength(f, b) > encodedLength(f, a) ? b : a));
    case 'text':
      return 'a'.repeat(f.maxLength!);
    case 'numbers':
      // random doubles: no shorter form exists for them
      return f.packed ? Array.from({ length: f.maxLength! }, () => f.min! + (f.max! - f.min!) * random()) : Array.from({ length: f.maxLength! }, () => numberAt(f.min!, f.max!));
  }
}

describe('longest link', () => {
  it('the number-text bound holds for every double in a range, and is reached', () => {
    for (const [min, max] of [[0, 0.99], [1e-4, 0.5], [0, 1e12], [0.02, 4], [-100, 100], [-1, 1], [1e-300, 1e-200], [1, 1e30]]) {
      fc.assert(fc.property(fc.double({ min, max, noNaN: true }), (x) => String(x).length <= longestNumberText(min, max)), { numRuns: 2000 });
    }
    expect(longestNumberText(0, 0.99)).toBe('0.0000012345678901234567'.length);
    expect(longestNumberText(-100, 100)).toBe('-0.0000012345678901234567'.length);
    expect(longestNumberText(-1, 1)).toBe('-0.0000012345678901234567'.length);
    expect(longestNumberText(1e-300, 1e-200)).toBe('1.2345678901234567e-201'.length);
    expect(longestNumberText(1, 1e12)).toBe('123456789012.34567'.length);
  });

  it(`stays under ${MAX_SERVER_URL} characters with a page address of ${ADDRESS_ALLOWANCE}, for every row of the schema`, () => {
    const bound = schemaBound();
    const perRow = ROWS.map((f) => `${f.key}:${longestValue(f)}`).join(' ');
    console.log(`longest query the schema allows: ${bound} characters (${perRow})`);
    expect(bound + ADDRESS_ALLOWANCE).toBeLessThanOrEqual(MAX_SERVER_URL);
  });

  it('a link built from every row at its longest meets the bound exactly', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const p = Object.fromEntries(ROWS.map((f) => [f.key, longestExample(f, () => (random() + 1) / 2)])) as unknown as Params;
    expect(encode(p).length).toBe(schemaBound());
  });
});

describe('the longest valid run', () => {
  /** k = 16: the Gram matrix of random unit vectors, then nudged within the app's tolerance (1e-9) off symmetry and just under a unit diagonal. */
  function nudgedGram(k: number): number[] {
    let seed = 11;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;
    const vs = Array.from({ length: k }, () => {
      const v = Array.from({ length: k + 4 }, random);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    });
    const g = new Array<number>(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) g[i * k + j] = vs[i].reduce((s, x, m) => s + x * vs[j][m], 0);
    for (let i = 0; i < k; i++) {
      g[i * k + i] = 1 - 3e-10 * Math.abs(random()); // the schema caps entries at 1
      for (let j = 0; j < i; j++) g[i * k + j] = g[j * k + i] + 4e-10 * random();
    }
    return g;
  }

  /** The longest canonical coefficient list under the 200-character limit. */
  function longActivation(): string {
    const terms: string[] = [];
    for (let p = 16; p >= 1; p--) {
      const next = [...terms, `${p}:-0.000001234567890123456${p % 10}`];
      if (next.join(',').length <= 200) terms.splice(0, terms.length, ...next);
    }
    return terms.reverse().join(',');
  }

  it('(k = 16, a custom Gram matrix off symmetry by 1e-10, 200-character activations) reads back exactly, shorter than the bound', () => {
    const sigma = longActivation();
    const { params: p, problems } = decode(`k=16&n=100000&d=1000000000&geom=gram&gram=${nudgedGram(16).join(',')}&sigma=${sigma}&target=${sigma}&seed=4294967295&T=0.0000012345678901234567&cam=-0.0000012345678901234567,-0.0000012345678901234567,-12.345678901234567`);
    expect(problems).toEqual([]);
    expect(p.sigma.length).toBeGreaterThan(160);
    expect(p.gram.some((x, i) => x !== p.gram[(i % 16) * 16 + Math.floor(i / 16)])).toBe(true);
    const link = encode(p);
    expect(link).toContain('&gram=f.');
    expect(decode(link)).toEqual({ params: p, problems: [] });
    expect(link.length).toBeLessThanOrEqual(schemaBound());
    console.log(`longest valid run's link: ${link.length} characters`);
  });
});
