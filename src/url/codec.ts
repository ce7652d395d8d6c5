// The permalink codec: pure functions between a query string and valid parameters.
// decode never throws; every value it could not take is reported with the value used instead.
import { normalizeSpec, type ModelSpec, type Problem } from '../core/model/model.ts';
import { isPacked, packNumbers, unpackNumbers } from './packedNumbers.ts';
import { defaultParams, FIELDS, SCHEMA, SCHEMA_VERSION, type Field, type Params } from './schema.ts';
import { secondRunOf } from './comparison.ts';
import { parseProjectionKey } from './projectionKey.ts';

export type { Problem };

export interface Decoded {
  params: Params;
  problems: Problem[];
}

/** One key=value of a link, already percent-decoded. */
export type Pair = [key: string, value: string];

/** Rewrites the pairs of a version-v link into the pairs of a version v+1 link. */
export type Migration = (pairs: Pair[]) => Pair[];

/**
 * Every character a text field may hold. Each one stands for itself in a link (a space is
 * written "+"), so a text's length in the link is its own length: no percent-encoding can
 * triple it. Activations (the only text fields so far) need no other character.
 */
export const TEXT_CHARACTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,:_-';
const TEXT_PATTERN = /^[A-Za-z0-9 .,:_-]*$/;

/**
 * Version 1 texts could hold any character. The activations it accepted used only the ones
 * above, plus "+" as the sign of a coefficient or of its exponent (3:+1, 1e+5: the same
 * without it) and any whitespace (trimmed around terms, like a space). Everything else in a
 * v1 text was refused then and is now; so is a "+" anywhere else ("+3:1", "he+3").
 */
const textFromV1: Migration = (pairs) =>
  pairs.map(([key, value]): Pair => [
    key,
    FIELDS.get(key)?.type === 'text' ? value.replace(/\s/g, ' ').replace(/:\+(?=[\d.])/g, ':').replace(/(\d\.?e)\+(?=\d)/gi, '$1') : value,
  ]);

/**
 * MIGRATIONS[v] reads a link written by schema version v as version v+1. When a field's
 * meaning or written form changes, bump SCHEMA_VERSION and add the upgrade from the old
 * version here, so every link ever shared keeps its meaning. (Version 1's decimal gram lists
 * need no upgrade: a decimal list is still read as it was.)
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = { 1: textFromV1 };

export interface Versioning {
  /** the version the schema table is at */
  current: number;
  migrations: Readonly<Record<number, Migration>>;
}

const CURRENT: Versioning = { current: SCHEMA_VERSION, migrations: MIGRATIONS };

/** Longest query decode looks at; the rest is dropped with a problem. */
export const MAX_QUERY_LENGTH = 8000;

/** More problems than this are summarized in one line (a junk link must not flood the page). */
export const MAX_PROBLEMS = 24;

const show = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

function formatValue(v: unknown): string {
  if (Array.isArray(v)) return v.length === 0 ? '(none)' : v.join(',');
  if (v === '') return '(default)';
  return String(v);
}

function parseNumber(text: string): number {
  // Number('') is 0 and Number(' 1 ') is 1: be strict about what counts as a number
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return NaN;
  return Number(text);
}

function parseField(f: Field, raw: string): { value?: unknown; error?: string } {
  switch (f.type) {
    case 'int':
    case 'number': {
      const x = parseNumber(raw);
      if (!Number.isFinite(x)) return { error: raw === '' ? 'no value given' : `"${show(raw)}" is not a finite number` };
      if (f.type === 'int' && !Number.isInteger(x)) {
        return { error: `${show(raw)} is not a whole number`, value: Math.min(f.max!, Math.max(f.min!, Math.round(x))) };
      }
      if (x < f.min! || x > f.max!) return { error: `${show(raw)} is outside [${f.min}, ${f.max}]`, value: Math.min(f.max!, Math.max(f.min!, x)) };
      return { value: x };
    }
    case 'bool':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { error: raw === '' ? 'no value given' : `"${show(raw)}" is not 0/1 or true/false` };
    case 'enum':
      if (f.values!.includes(raw)) return { value: raw };
      return { error: `"${show(raw)}" is not one of ${f.values!.join(', ')}` };
    case 'text':
      if (raw.length > f.maxLength!) return { error: `text longer than ${f.maxLength} characters` };
      if (!TEXT_PATTERN.test(raw)) return { error: `"${show(raw)}" has characters other than letters, digits, space and . , : _ -` };
      return { value: raw };
    case 'numbers': {
      if (raw === '') return { value: [] };
      let xs: number[];
      let parts: string[];
      if (f.packed && isPacked(raw)) {
        const unpacked = unpackNumbers(raw, f.maxLength!);
        if ('error' in unpacked) return { error: unpacked.error };
        xs = unpacked.values;
        parts = xs.map(String);
      } else {
        parts = raw.split(',');
        if (parts.length > f.maxLength!) return { error: `list has ${parts.length} entries, more than ${f.maxLength}` };
        xs = parts.map((s) => parseNumber(s.trim()));
      }
      const bad = xs.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) return { error: `entry ${bad + 1} ("${show(parts[bad])}") is not a finite number` };
      const out = xs.findIndex((x) => x < f.min! || x > f.max!);
      if (out >= 0) return { error: `entry ${out + 1} (${xs[out]}) is outside [${f.min}, ${f.max}]` };
      return { value: xs };
    }
  }
}

/**
 * The key=value text of a query, a whole URL, or a URL whose parameters sit in the hash
 * ("#k=3&…", as some chat tools and hand edits produce). A real query wins over a hash.
 */
function queryTextOf(input: string): string {
  const q = input.indexOf('?');
  const h = input.indexOf('#');
  if (q >= 0 && (h < 0 || q < h)) {
    const query = input.slice(q + 1, h > q ? h : undefined);
    if (query !== '' || h < 0) return query;
    return input.slice(h + 1);
  }
  if (h >= 0) return input.slice(h + 1);
  // a bare URL with neither query nor hash carries no parameters
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? '' : input;
}

function splitQuery(query: string, problems: Problem[]): Pair[] {
  let q = query;
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({ key: '(link)', message: `link is longer than ${MAX_QUERY_LENGTH} characters; the rest was ignored`, used: 'the first part' });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  q = queryTextOf(q);
  const pairs: Pair[] = [];
  for (const part of q.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawVal = eq < 0 ? '' : part.slice(eq + 1);
    let key: string, val: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      val = decodeURIComponent(rawVal.replace(/\+/g, ' '));
    } catch {
      problems.push({ key: show(rawKey), message: 'badly encoded (invalid % escape)', used: 'ignored' });
      continue;
    }
    pairs.push([key.trim(), val.trim()]);
  }
  return pairs;
}

/** Reads the link's version and upgrades its pairs to the current one, step by step. */
function migrate(pairs: Pair[], versioning: Versioning, problems: Problem[]): Pair[] {
  const { current, migrations } = versioning;
  const given = pairs.find(([key]) => key === 'v');
  let rest = pairs.filter(([key]) => key !== 'v');
  if (pairs.filter(([key]) => key === 'v').length > 1) {
    problems.push({ key: 'v', message: 'given more than once', used: `the first value (${given![1]})` });
  }
  // links without v are what people type by hand: read them with today's meaning
  if (!given) return rest;
  const raw = given[1];
  const v = parseNumber(raw);
  const oldest = Math.min(current, ...Object.keys(migrations).map(Number));
  if (!Number.isInteger(v) || v < oldest) {
    problems.push({ key: 'v', message: `"${show(raw)}" is not a known link version (${oldest}…${current})`, used: `version ${current}` });
    return rest;
  }
  if (v > current) {
    problems.push({ key: 'v', message: `link is from a newer version (${v}) than this page (${current}); some values may read differently`, used: `version ${current}` });
    return rest;
  }
  for (let from = v; from < current; from++) {
    const up = migrations[from];
    if (!up) {
      problems.push({ key: 'v', message: `no upgrade from link version ${from}`, used: `the values as version ${current}` });
      return rest;
    }
    rest = up(rest);
  }
  return rest;
}

export function capProblems(problems: Problem[]): Problem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const shown = problems.slice(0, MAX_PROBLEMS - 1);
  const more = problems.length - shown.length;
  return [...shown, { key: '(link)', message: `${more} more problems not listed`, used: 'defaults for those parameters' }];
}

/** Query string (with or without '?', or a whole URL) → valid parameters and what was wrong. */
export function decode(query: string): Decoded {
  return decodeVersioned(query, CURRENT);
}

/** decode with an explicit version history (tests use synthetic ones). */
export function decodeVersioned(query: string, versioning: Versioning): Decoded {
  const problems: Problem[] = [];
  const params = defaultParams() as Record<string, unknown>;
  const seen = new Set<string>();
  const pairs = migrate(splitQuery(String(query), problems), versioning, problems);
  for (const [key, raw] of pairs) {
    const f = FIELDS.get(key);
    if (!f) {
      problems.push({ key: show(key), message: 'unknown parameter', used: 'ignored' });
      continue;
    }
    if (seen.has(key)) {
      problems.push({ key, message: 'given more than once', used: `the first value (${formatValue(params[key])})` });
      continue;
    }
    seen.add(key);
    const { value, error } = parseField(f, raw);
    if (error === undefined) params[key] = value;
    else {
      if (value !== undefined) params[key] = value;
      problems.push({ key, message: error, used: formatValue(params[key]) });
    }
  }
  params.v = SCHEMA_VERSION;
  const cam = params.cam as number[];
  if (cam.length !== 0 && cam.length !== 3) {
    problems.push({ key: 'cam', message: `needs 3 numbers, got ${cam.length}`, used: 'the default view' });
    params.cam = [];
  } else if (cam.length === 3 && Math.hypot(cam[0], cam[1], cam[2]) < 1e-3) {
    problems.push({ key: 'cam', message: 'camera position is at the centre of the sphere', used: 'the default view' });
    params.cam = [];
  }
  const { spec, problems: cross } = normalizeSpec(modelSpecOf(params as Params));
  Object.assign(params, spec);
  // samples are what online SGD draws: a flow (or an SGD run refused above) has only t to show
  if (params.taxis === 'samples' && params.dyn !== 'sgd') {
    cross.push({ key: 'taxis', message: 'samples are counted only for online SGD (dyn=sgd)', used: 'flow time t' });
    params.taxis = 't';
  }
  const projection = parseProjectionKey(params.proj as string, spec.k);
  if (projection.ok) params.proj = projection.text;
  else {
    cross.push({ key: 'proj', message: projection.error, used: 'even (every index vector spread evenly)' });
    params.proj = 'even';
  }
  const compared = secondRunOf(params as Params, { encode, decode });
  if (!compared.ok) {
    cross.push({ key: 'compare', message: compared.error, used: 'no split view' });
    params.compare = '';
  }
  return { params: params as Params, problems: capProblems([...problems, ...cross]) };
}

// String(-0) is "0": keep the sign so that decode(encode(p)) is p exactly
const numberText = (x: number) => (Object.is(x, -0) ? '-0' : String(x));

function encodeValue(f: Field, v: unknown): string {
  switch (f.type) {
    case 'bool':
      return v ? '1' : '0';
    case 'numbers': {
      const xs = v as number[];
      const decimal = xs.map(numberText).join(',');
      if (!f.packed || xs.length === 0) return decimal;
      // whichever is shorter: small or round matrices stay readable
      const packed = packNumbers(xs);
      return packed.length < decimal.length ? packed : decimal;
    }
    case 'int':
    case 'number':
      return numberText(v as number);
    default:
      return String(v);
  }
}

/**
 * Parameters → query string (no '?'), every key in schema order, so a link pins every value
 * (except a view key marked omitDefault, such as the paused time t, while at its default).
 */
export function encode(params: Params): string {
  const p = params as Record<string, unknown>;
  const parts: string[] = [];
  for (const f of SCHEMA as readonly Field[]) {
    const v = f.key === 'v' ? SCHEMA_VERSION : p[f.key];
    if (f.omitDefault && Object.is(v, f.default)) continue;
    parts.push(`${encodeURIComponent(f.key)}=${encodeURIComponent(encodeValue(f, v)).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%20/g, '+')}`);
  }
  return parts.join('&');
}

/** The model-defining subset of the parameters. */
export function modelSpecOf(p: Params): ModelSpec {
  return {
    k: p.k, n: p.n, d: p.d, beta: p.beta, p: p.p, sigma: p.sigma, target: p.target, drop012: p.drop012,
    geom: p.geom, gram: p.gram, seed: p.seed, T: p.T, tol: p.tol,
    loss: p.loss, a: p.a,
    dyn: p.dyn, eta: p.eta, batch: p.batch,
  };
}
