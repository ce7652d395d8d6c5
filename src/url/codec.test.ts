// The permalink codec on hand-picked bad links (each with the exact value used instead), on
// synthetic older link versions, and on random and adversarial queries (fast-check): decode
// never throws, always yields parameters a run can use, and encode/decode round-trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, MAX_MSE_NEURONS, samplingPlanOf } from '../core/model/model.ts';
import { MAX_SGD_WEIGHTS, MAX_SGD_WORK } from '../core/dynamics/sgdPlan.ts';
import { decode, decodeVersioned, encode, MAX_PROBLEMS, MAX_QUERY_LENGTH, modelSpecOf, type Migration, type Pair } from './codec.ts';
import { defaultParams, SCHEMA, SCHEMA_VERSION, type Field, type Params } from './schema.ts';

const FIELDS_LIST = SCHEMA as readonly Field[];

const problemOf = (query: string, key: string) => decode(query).problems.find((p) => p.key === key);

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (independent of the app's Cholesky). */
function symmetricEigenvalues(entries: number[], k: number): number[] {
  const a = Float64Array.from(entries);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += a[i * k + j] ** 2;
    if (off < 1e-24) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p], arq = a[r * k + q];
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r], aqr = a[q * k + r];
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
      }
    }
  }
  return Array.from({ length: k }, (_, i) => a[i * k + i]);
}

/** Throws unless every value is inside its schema row and the combination can be run. */
function expectValid(params: Params): void {
  const p = params as Record<string, unknown>;
  expect(Object.keys(p).sort()).toEqual(FIELDS_LIST.map((f) => f.key).sort());
  for (const f of FIELDS_LIST) {
    const v = p[f.key];
    switch (f.type) {
      case 'int':
      case 'number':
        expect(typeof v === 'number' && Number.isFinite(v), f.key).toBe(true);
        if (f.type === 'int') expect(Number.isInteger(v), f.key).toBe(true);
        expect(v as number).toBeGreaterThanOrEqual(f.min!);
        expect(v as number).toBeLessThanOrEqual(f.max!);
        break;
      case 'bool':
        expect(typeof v, f.key).toBe('boolean');
        break;
      case 'enum':
        expect(f.values, f.key).toContain(v);
        break;
      case 'text':
        expect(typeof v, f.key).toBe('string');
        expect((v as string).length).toBeLessThanOrEqual(f.maxLength!);
        break;
      case 'numbers':
        expect(Array.isArray(v), f.key).toBe(true);
        expect((v as number[]).length).toBeLessThanOrEqual(f.maxLength!);
        for (const x of v as number[]) {
          expect(Number.isFinite(x), f.key).toBe(true);
          expect(x).toBeGreaterThanOrEqual(f.min!);
          expect(x).toBeLessThanOrEqual(f.max!);
        }
    }
  }
  expect(params.v).toBe(SCHEMA_VERSION);
  expect(params.d).toBeGreaterThanOrEqual(params.k);
  expect([0, 3]).toContain(params.cam.length);
  if (params.geom === 'gram') {
    const { k, gram } = params;
    expect(gram.length).toBe(k * k);
    for (let i = 0; i < k; i++) {
      expect(gram[i * k + i]).toBeCloseTo(1, 8);
      for (let j = 0; j < k; j++) expect(Math.abs(gram[i * k + j] - gram[j * k + i])).toBeLessThanOrEqual(1e-9);
    }
    expect(Math.min(...symmetricEigenvalues(gram, k))).toBeGreaterThan(-1e-8);
  } else {
    expect(params.gram).toEqual([]);
  }
  // the worker builds exactly this: it must not throw, and something must move
  const model = buildModel(modelSpecOf(params));
  expect(model.kernel.pStar).toBeGreaterThan(0);
}

describe('decode of good links', () => {
  it('reads every kind of field and reports nothing', () => {
    const { params, problems } = decode('?k=4&n=50&d=2000&beta=0.3&p=4&sigma=relu&target=tanh&drop012=0&geom=orth&seed=9&T=150&tol=0.1&speed=1.5&cam=1,2,3&trails=0&grid=false&embed=1');
    expect(problems).toEqual([]);
    expect(params).toMatchObject({ k: 4, n: 50, d: 2000, beta: 0.3, p: 4, sigma: 'relu', target: 'tanh', drop012: false, geom: 'orth', seed: 9, T: 150, tol: 0.1, speed: 1.5, cam: [1, 2, 3], trails: false, grid: false, embed: true });
  });

  it('gives the defaults for an empty query, a bare "?" and a URL without a query', () => {
    for (const q of ['', '?', '&&', 'https://example.org/flow/']) {
      expect(decode(q)).toEqual({ params: defaultParams(), problems: [] });
    }
  });

  it('takes parameters from a hash when there is no query, and from the query over the hash', () => {
    expect(decode('#k=5&beta=0.1').params).toMatchObject({ k: 5, beta: 0.1 });
    expect(decode('https://h.example/app/#k=5').params.k).toBe(5);
    expect(decode('https://h.example/app/?#k=5').params.k).toBe(5);
    expect(decode('https://h.example/app/?k=6#k=5').params.k).toBe(6);
  });

  it('reads + as a space and trims it, and reads escaped commas and colons', () => {
    expect(decode('beta=+0.3+&sigma=+relu&target=relu+')).toEqual({ params: { ...defaultParams(), beta: 0.3, sigma: 'relu', target: 'relu' }, problems: [] });
    expect(decode('target=3%3A1%2C4%3A0.5').params.target).toBe('3:1,4:0.5');
    expect(decode('cam=1,+2,+3').params.cam).toEqual([1, 2, 3]);
  });
});

describe('decode of bad links: what was wrong and the value used', () => {
  const cases: [query: string, key: string, message: RegExp, used: string, check: (p: Params) => void][] = [
    ['beta=abc', 'beta', /"abc" is not a finite number/, '0.2', (p) => expect(p.beta).toBe(0.2)],
    ['beta=5', 'beta', /outside \[0, 0.99\]/, '0.99', (p) => expect(p.beta).toBe(0.99)],
    ['n=-3', 'n', /outside/, '1', (p) => expect(p.n).toBe(1)],
    ['n=NaN', 'n', /not a finite number/, '300', (p) => expect(p.n).toBe(300)],
    ['d=Infinity', 'd', /not a finite number/, '1000', (p) => expect(p.d).toBe(1000)],
    ['d=1e999', 'd', /not a finite number/, '1000', (p) => expect(p.d).toBe(1000)],
    ['d=0x10', 'd', /not a finite number/, '1000', (p) => expect(p.d).toBe(1000)],
    ['k=2.5', 'k', /not a whole number/, '3', (p) => expect(p.k).toBe(3)],
    ['k=', 'k', /no value given/, '3', (p) => expect(p.k).toBe(3)],
    ['trails=maybe', 'trails', /not 0\/1/, 'true', (p) => expect(p.trails).toBe(true)],
    ['geom=sphere', 'geom', /not one of equi, orth, gram/, 'equi', (p) => expect(p.geom).toBe('equi')],
    ['k=4&k=5', 'k', /more than once/, 'the first value (4)', (p) => expect(p.k).toBe(4)],
    ['zzz=1', 'zzz', /unknown parameter/, 'ignored', () => {}],
    ['β=0.3', 'β', /unknown parameter/, 'ignored', (p) => expect(p.beta).toBe(0.2)],
    ['beta=%E0%A4%A', 'beta', /invalid % escape/, 'ignored', (p) => expect(p.beta).toBe(0.2)],
    ['k=5&d=3', 'd', /below k = 5/, '5', (p) => expect(p.d).toBe(5)],
    ['cam=1,2', 'cam', /needs 3 numbers, got 2/, 'the default view', (p) => expect(p.cam).toEqual([])],
    ['cam=0,0,0', 'cam', /centre of the sphere/, 'the default view', (p) => expect(p.cam).toEqual([])],
    ['gram=' + Array(300).fill('0').join(','), 'gram', /300 entries, more than 256/, '(none)', (p) => expect(p.gram).toEqual([])],
    ['sigma=%3Cscript%3Ealert(1)%3C%2Fscript%3E', 'sigma', /has characters other than letters, digits, space and/, '(default)', (p) => expect(p.sigma).toBe('')],
    ['target=r%C3%A9lu', 'target', /has characters other than/, '(default)', (p) => expect(p.target).toBe('')],
    ['sigma=zz', 'sigma', /unknown activation/, 'he3', (p) => expect(p.sigma).toBe('')],
    ['sigma=he2&target=he3', 'sigma', /share no Hermite degree/, 'he3 for both', (p) => expect([p.sigma, p.target]).toEqual(['', ''])],
  ];
  for (const [query, key, message, used, check] of cases) {
    it(`${query.slice(0, 50)} → ${key}`, () => {
      const { params, problems } = decode(query);
      const p = problems.find((x) => x.key === key);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(p!.message).toMatch(message);
      expect(p!.used).toBe(used);
      check(params);
      expectValid(params);
    });
  }

  it('falls back to equiangular geometry for a Gram matrix that is not PSD', () => {
    // eigenvalues of [[1,.9,-.9],[.9,1,.9],[-.9,.9,1]] are 1.9, 1.9, -0.8
    const eig = symmetricEigenvalues([1, 0.9, -0.9, 0.9, 1, 0.9, -0.9, 0.9, 1], 3).sort((a, b) => a - b);
    expect(eig[0]).toBeCloseTo(-0.8, 12);
    const { params } = decode('k=3&geom=gram&gram=1,0.9,-0.9,0.9,1,0.9,-0.9,0.9,1&beta=0.1');
    expect(problemOf('k=3&geom=gram&gram=1,0.9,-0.9,0.9,1,0.9,-0.9,0.9,1', 'gram')!.message).toMatch(/not positive semidefinite/);
    expect(params).toMatchObject({ geom: 'equi', gram: [], beta: 0.1 });
  });

  it('keeps a PSD Gram matrix, including a singular one', () => {
    expect(decode('k=2&geom=gram&gram=1,0.9,0.9,1')).toMatchObject({ params: { geom: 'gram', gram: [1, 0.9, 0.9, 1] }, problems: [] });
    expect(decode('k=2&geom=gram&gram=1,1,1,1').problems).toEqual([]);
  });

  it('drops the tail of an overlong link and summarizes a flood of problems', () => {
    const long = 'k=4&' + 'x'.repeat(MAX_QUERY_LENGTH);
    expect(problemOf(long, '(link)')!.message).toMatch(/longer than 8000/);
    expect(decode(long).params.k).toBe(4);
    const junk = decode(Array.from({ length: 500 }, (_, i) => `junk${i}=1`).join('&'));
    expect(junk.problems).toHaveLength(MAX_PROBLEMS);
    expect(junk.problems[MAX_PROBLEMS - 1].message).toBe(`${500 - (MAX_PROBLEMS - 1)} more problems not listed`);
  });

  it('never reads keys like __proto__ into the parameters', () => {
    const { params, problems } = decode('__proto__=1&constructor=2&toString=3');
    expect(problems.map((p) => p.key)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(params).toEqual(defaultParams());
  });
});

describe('link versions', () => {
  it('reads links without v, and with the current v, alike', () => {
    expect(decode('k=4')).toEqual(decode(`v=${SCHEMA_VERSION}&k=4`));
    expect(decode('k=4').problems).toEqual([]);
  });

  it('reports a newer, an unknown and a malformed version and reads the rest as current', () => {
    expect(problemOf(`v=${SCHEMA_VERSION + 1}&k=4`, 'v')!.message).toMatch(/newer version/);
    expect(problemOf('v=0&k=4', 'v')!.message).toMatch(/not a known link version/);
    expect(problemOf('v=one', 'v')!.used).toBe(`version ${SCHEMA_VERSION}`);
    expect(decode(`v=${SCHEMA_VERSION + 1}&k=4`).params.k).toBe(4);
  });

  // A synthetic history: in version 1 β was called "b"; version 2 renamed it to "beta";
  // version 3 changed speed from decades per minute to decades per second.
  const rename: Migration = (pairs) => pairs.map(([k, v]): Pair => [k === 'b' ? 'beta' : k, v]);
  const perSecond: Migration = (pairs) => pairs.map(([k, v]): Pair => [k, k === 'speed' ? String(Number(v) / 60) : v]);
  const history = { current: 3, migrations: { 1: rename, 2: perSecond } };

  it('upgrades an old link step by step to the current meaning', () => {
    expect(decodeVersioned('v=1&b=0.3&speed=30&k=4', history)).toEqual({ params: { ...defaultParams(), beta: 0.3, speed: 0.5, k: 4 }, problems: [] });
    expect(decodeVersioned('v=2&beta=0.3&speed=60', history).params).toMatchObject({ beta: 0.3, speed: 1 });
    expect(decodeVersioned('v=3&beta=0.3&speed=2', history).params).toMatchObject({ beta: 0.3, speed: 2 });
    // without the upgrade, the old key is just unknown
    expect(decodeVersioned('v=3&b=0.3', history).problems[0]).toMatchObject({ key: 'b', message: 'unknown parameter' });
  });

  it('validates what a migration produced like any other value', () => {
    const p = decodeVersioned('v=1&speed=6000', history);
    expect(p.params.speed).toBe(4);
    expect(p.problems[0]).toMatchObject({ key: 'speed', used: '4' });
  });

  it('says so when a step of the upgrade chain is missing', () => {
    const broken = { current: 3, migrations: { 1: rename } };
    expect(decodeVersioned('v=1&b=0.3', broken).problems[0].message).toMatch(/no upgrade from link version 2/);
  });
});

describe('version 1 links (decimal gram, any text) read as they did', () => {
  it('a decimal Gram matrix gives the same parameters as the packed form the app now writes', () => {
    const gram = [1, 0.1, -0.35, 0.1, 1, 0.2, -0.35, 0.2, 1].map((x, i) => (i % 4 === 0 ? x : x + 1e-17 * i));
    const old = decode(`v=1&k=3&geom=gram&gram=${gram.join(',')}`);
    expect(old.problems).toEqual([]);
    expect(old.params.gram).toEqual(gram);
    const now = encode(old.params);
    expect(now).toMatch(/&gram=[fu]\./);
    expect(now.startsWith(`v=${SCHEMA_VERSION}&`)).toBe(true);
    expect(decode(now)).toEqual(old);
    // a hand-typed link (no v) with decimals is read as before too
    expect(decode(`k=3&geom=gram&gram=${gram.join(',')}`)).toEqual(old);
  });

  it('a text with + signs or whitespace means what it meant (the activation it named)', () => {
    const cases: [string, string][] = [
      ['3:%2B1,%094:0.5e%2B0', '3:1,4:0.5'],
      ['3:1e%2B0,+4:%2B.5', '3:1,4:0.5'],
      ['ReLU', 'relu'],
      ['he3', ''],
    ];
    for (const [text, canonical] of cases) {
      // a target sharing a degree with each of them
      const { params, problems } = decode(`v=1&sigma=${text}&target=1:1,2:1,3:1`);
      expect(problems, text).toEqual([]);
      expect(params.sigma, text).toBe(canonical);
    }
    // "+3:1" and "he+3" were no activations in version 1 (a degree has no sign), and are none now
    expect(problemOf('v=1&sigma=%2B3:1', 'sigma')).toBeDefined();
    expect(problemOf('v=1&sigma=he%2B3', 'sigma')).toBeDefined();
    expect(decode('v=1&sigma=3:1.e%2B0,4:.5E%2B0&target=1:1,2:1,3:1').params.sigma).toBe('3:1,4:0.5');
    // a sign after a sign stays refused, as it was
    expect(problemOf('v=1&sigma=3:%2B-1', 'sigma')!.used).toBe('(default)');
  });

  it('text no activation could use was refused in version 1 and is now, with the same value used', () => {
    for (const text of ['r%C3%A9lu', '%3Cb%3E', 'relu%26k%3D5', 'relu%23x']) {
      const { params, problems } = decode(`v=1&sigma=${text}`);
      expect(params.sigma).toBe('');
      expect(problems.map((p) => p.key)).toContain('sigma');
    }
  });

  it('a Gram matrix off symmetry or off a unit diagonal within the tolerance reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.double({ min: -4e-10, max: 4e-10, noNaN: true }), { minLength: 36, maxLength: 36 }), (k, nudges) => {
        const g = Array.from({ length: k * k }, (_, i) => (Math.floor(i / k) === i % k ? 1 - Math.abs(nudges[i]) : 0.2));
        for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g[i * k + j] += nudges[i * k + j];
        const { params, problems } = decode(`k=${k}&geom=gram&gram=${g.join(',')}`);
        expect(problems).toEqual([]);
        expect(decode(encode(params))).toEqual({ params, problems: [] });
        expect(params.gram).toEqual(g);
      }),
      { numRuns: 200 },
    );
  });
});

describe('encode', () => {
  it('writes every key in schema order, v first', () => {
    const q = encode(defaultParams());
    expect(q.split('&').map((kv) => kv.split('=')[0])).toEqual(FIELDS_LIST.filter((f) => !f.omitDefault).map((f) => f.key));
    // a key left out at its default is written once it is set
    expect(encode({ ...defaultParams(), t: 2.5 })).toContain('&t=2.5&');
    expect(q.startsWith(`v=${SCHEMA_VERSION}&`)).toBe(true);
  });

  it('writes text as itself (a space as +), and still escapes what a text field never holds', () => {
    expect(encode({ ...defaultParams(), sigma: '3:1, 4:-0.5e-7' })).toContain('&sigma=3:1,+4:-0.5e-7&');
    // decode refuses these characters, but encode stays safe for any string
    const q = encode({ ...defaultParams(), sigma: 'a&b=c+d #e' });
    expect(q).toContain('sigma=a%26b%3Dc%2Bd+%23e');
  });
});

// ---- property-based tests ---------------------------------------------------------------

const KEYS = FIELDS_LIST.map((f) => f.key);

const nasty = fc.constantFrom(
  '', '+', '%', '%2', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', 'NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '1_000',
  ' 1', '1,2,3', ',', ',,', 'true', 'false', 'equi', 'gram', 'orth', 'relu', 'he3', 'he99', 'p:1', '3:1,4:0.5', '0:1', '2:1',
  '<img src=x onerror=alert(1)>', '&', '=', '==', '#', '?', '\u0000', '\uFFFF', '😀', 'β', '-0', '5e-324', '1.7976931348623157e308',
);
const numberText = fc.oneof(
  fc.double().map(String),
  fc.integer({ min: -5, max: 20 }).map(String),
  fc.double({ min: -2, max: 2, noNaN: true }).map(String),
);
const listText = fc.array(fc.oneof(fc.double({ min: -1.2, max: 1.2, noNaN: true }).map(String), nasty), { maxLength: 300 }).map((xs) => xs.join(','));
const valueText = fc.oneof(numberText, listText, nasty, fc.string(), fc.string({ unit: 'binary' }));
const keyText = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.oneof(nasty, fc.string(), fc.string({ unit: 'binary' })) });
const pairText = fc.tuple(keyText, valueText, fc.constantFrom('raw', 'encoded', 'bare')).map(([k, v, how]) =>
  how === 'bare' ? k : how === 'encoded' ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`,
);
/** A Gram-shaped link: random symmetric unit-diagonal entries, often not PSD. */
const gramLink = fc.integer({ min: 1, max: 5 }).chain((k) =>
  fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (k * (k - 1)) / 2, maxLength: (k * (k - 1)) / 2 }).map((upper) => {
    const g = new Array<number>(k * k).fill(1);
    let m = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) g[i * k + j] = g[j * k + i] = upper[m++];
    return `k=${k}&geom=gram&gram=${g.join(',')}`;
  }),
);
const adversarialQuery = fc.oneof(
  fc.tuple(fc.constantFrom('', '?', '#', 'https://x.example/a/?', 'https://x.example/#'), fc.array(pairText, { maxLength: 25 })).map(([pre, ps]) => pre + ps.join('&')),
  fc.tuple(gramLink, fc.array(pairText, { maxLength: 5 })).map(([g, ps]) => [g, ...ps].join('&')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ maxLength: 9000 }),
);

describe('the time axis of an SGD run (taxis)', () => {
  const SGD = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';

  it('is left out of a link at t, so every existing link is written byte for byte as before', () => {
    for (const q of ['', 'k=3&beta=0.3', SGD, `${SGD}&T=3&t=2`]) {
      const { params } = decode(q);
      expect(params.taxis).toBe('t');
      const written = encode(params);
      expect(written).not.toContain('taxis');
      expect(written).toBe(encode({ ...params }));
    }
  });

  it('round-trips samples for online SGD, written just before tour', () => {
    const { params, problems } = decode(`${SGD}&taxis=samples`);
    expect(problems).toEqual([]);
    expect(params.taxis).toBe('samples');
    const written = encode(params);
    expect(written).toContain('&batch=1&taxis=samples&tour=0&');
    expect(decode(written)).toEqual({ params, problems: [] });
  });

  it('refuses samples for the flow, and for an SGD link refused as too large, saying t is used', () => {
    const flow = decode('k=3&taxis=samples');
    expect(flow.params.taxis).toBe('t');
    expect(flow.problems).toEqual([{ key: 'taxis', message: 'samples are counted only for online SGD (dyn=sgd)', used: 'flow time t' }]);
    const refused = decode('dyn=sgd&n=300&d=1000&k=3&taxis=samples');
    expect(refused.params.dyn).toBe('flow');
    expect(refused.params.taxis).toBe('t');
    expect(refused.problems.map((p) => p.key)).toEqual(['dyn', 'taxis']);
  });

  it('reports a value that is neither t nor samples', () => {
    const { params, problems } = decode(`${SGD}&taxis=steps`);
    expect(params.taxis).toBe('t');
    expect(problems).toEqual([{ key: 'taxis', message: '"steps" is not one of t, samples', used: 't' }]);
  });
});

describe('properties', () => {
  it('decode never throws and always gives valid, runnable, stable parameters', () => {
    fc.assert(
      fc.property(adversarialQuery, (query) => {
        const { params, problems } = decode(query);
        expectValid(params);
        expect(problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
        for (const p of problems) for (const s of [p.key, p.message, p.used]) expect(typeof s).toBe('string');
        // what the app writes back into the address bar reads as itself, with no complaint
        expect(decode(encode(params))).toEqual({ params, problems: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('decode(encode(p)) is p, with no problems, for any valid p', () => {
    fc.assert(
      fc.property(validParams, (p) => {
        expect(decode(encode(p))).toEqual({ params: p, problems: [] });
      }),
      { numRuns: 400 },
    );
  });
});

// Valid parameters built from the schema rows, plus the cross-field rules of the science:
// d ≥ k, a PSD unit-diagonal Gram matrix (from random unit vectors), and activation pairs
// that share a Hermite degree (≥ 3 when h_0..h_2 are dropped).
function fieldArb(f: Field): fc.Arbitrary<unknown> {
  switch (f.type) {
    case 'int':
      return fc.integer({ min: f.min!, max: f.max! });
    case 'number':
      return fc.oneof(fc.double({ min: f.min!, max: f.max!, noNaN: true }), fc.constantFrom(f.min!, f.max!, f.default as number));
    case 'bool':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...f.values!);
    case 'text':
      return fc.constant(f.default);
    case 'numbers':
      return fc.constant(f.default);
  }
}

/** [σ, σ*, needs p ≥ 3 when drop012 (he_p)] or a pair sharing a degree ≥ 3 */
const ACTIVATION_PAIRS: [string, string, boolean][] = [
  ['', '', false], ['relu', 'relu', true], ['tanh', 'tanh', true], ['gelu', 'gelu', true], ['erf', 'erf', true],
  ['sigmoid', 'sigmoid', true], ['softplus', 'softplus', true], ['abs', 'abs', true], ['3:1,4:0.5', '3:1,4:0.5', true],
  ['relu', 'tanh', false], ['4:1', 'relu', true],
];

const unitVectorsGram = (k: number) =>
  fc.integer({ min: 1, max: Math.min(k + 1, 4) }).chain((r) =>
    // small integer components in at most 4 dimensions: exact dependences stay exact up to
    // rounding, and every nonzero Cholesky pivot is ≥ 1/36⁴, far from the app's tolerance
    // (near-dependences are refused there as numerically ambiguous)
    fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: r, maxLength: r }), { minLength: k, maxLength: k }).map((vs) => {
      const units = vs.map((v) => {
        const norm = Math.hypot(...v);
        return norm === 0 ? v.map((_, i) => (i === 0 ? 1 : 0)) : v.map((x) => x / norm);
      });
      const g = new Array<number>(k * k);
      for (let i = 0; i < k; i++) {
        g[i * k + i] = 1;
        for (let j = i + 1; j < k; j++) {
          const dot = units[i].reduce((s, x, m) => s + x * units[j][m], 0);
          g[i * k + j] = g[j * k + i] = Math.max(-1, Math.min(1, dot));
        }
      }
      return g;
    }),
  );

/** full rank for any k: 1 on the diagonal, β ∈ [0, 0.95] elsewhere */
const equiangularAsGram = (k: number) =>
  fc.double({ min: 0, max: 0.95, noNaN: true }).map((b) => Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : b)));

const validParams: fc.Arbitrary<Params> = fc
  .record(Object.fromEntries(FIELDS_LIST.map((f) => [f.key, fieldArb(f)])) as Record<string, fc.Arbitrary<unknown>>)
  .chain((base) => {
    const p = base as unknown as Params;
    return fc.record({
      gram: p.geom === 'gram' ? fc.oneof(unitVectorsGram(p.k), equiangularAsGram(p.k)) : fc.constant([] as number[]),
      pair: fc.constantFrom(...ACTIVATION_PAIRS),
      q: fc.integer({ min: 1, max: 8 }).filter((q) => q !== p.p),
      pureDegree: fc.boolean(),
      cam: fc.oneof(fc.constant([] as number[]), fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 }).filter((c) => Math.hypot(...c) >= 1e-3)),
    }).map(({ gram, pair, q, pureDegree, cam }) => {
      let [sigma, target, dropOk] = pair;
      // a pure h_q other than h_p keeps its name (h_p itself is written as the empty default)
      if (pureDegree) [sigma, target, dropOk] = [`he${q}`, `he${q}`, q >= 3];
      if (sigma === '' && p.p >= 3) dropOk = true;
      return {
        ...p,
        v: SCHEMA_VERSION,
        d: Math.max(p.d, p.k),
        // the squared loss refuses more neurons than it can run live
        n: p.loss === 'mse' ? Math.min(p.n, MAX_MSE_NEURONS) : p.n,
        gram,
        sigma,
        target,
        drop012: p.drop012 && dropOk,
        cam,
      } as Params;
    })
      // online SGD beyond the work limit is refused: valid SGD links are the affordable ones
      .map((v) => (v.dyn === 'sgd' && !sgdAffordable(v) ? { ...v, dyn: 'flow' as const } : v))
      // the squared loss is a flow: a valid link never asks for it with online SGD
      .map((v) => (v.dyn === 'sgd' && v.loss === 'mse' ? { ...v, loss: 'corr' as const } : v))
      // samples are counted only for online SGD: a valid flow link has the t axis
      .map((v) => (v.taxis === 'samples' && v.dyn !== 'sgd' ? { ...v, taxis: 't' as const } : v));
  });

function sgdAffordable(p: Params): boolean {
  const spec = modelSpecOf(p);
  const plan = samplingPlanOf(spec);
  return plan.work <= MAX_SGD_WORK && spec.n * spec.d <= MAX_SGD_WEIGHTS;
}
