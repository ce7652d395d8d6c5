// The permalink codec: pure functions between a query string and valid parameters.
// decode never throws; every value it could not take is reported with the value used instead.
import { normalizeSpec, type ModelSpec, type Problem } from '../core/model.ts';
import { defaultParams, FIELDS, SCHEMA, SCHEMA_VERSION, type Field, type Params } from './schema.ts';

export type { Problem };

export interface Decoded {
  params: Params;
  problems: Problem[];
}

/** Longest query decode looks at; the rest is dropped with a problem. */
export const MAX_QUERY_LENGTH = 8000;

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
      if (!Number.isFinite(x)) return { error: `"${show(raw)}" is not a finite number` };
      if (f.type === 'int' && !Number.isInteger(x)) return { error: `${raw} is not a whole number` };
      if (x < f.min! || x > f.max!) return { error: `${raw} is outside [${f.min}, ${f.max}]`, value: Math.min(f.max!, Math.max(f.min!, x)) };
      return { value: x };
    }
    case 'bool':
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { error: `"${show(raw)}" is not 0/1 or true/false` };
    case 'enum':
      if (f.values!.includes(raw)) return { value: raw };
      return { error: `"${show(raw)}" is not one of ${f.values!.join(', ')}` };
    case 'text':
      if (raw.length > f.maxLength!) return { error: `text longer than ${f.maxLength} characters` };
      return { value: raw };
    case 'numbers': {
      if (raw === '') return { value: [] };
      const parts = raw.split(',');
      if (parts.length > f.maxLength!) return { error: `list has ${parts.length} entries, more than ${f.maxLength}` };
      const xs = parts.map(parseNumber);
      const bad = xs.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) return { error: `entry ${bad + 1} ("${show(parts[bad])}") is not a finite number` };
      const out = xs.findIndex((x) => x < f.min! || x > f.max!);
      if (out >= 0) return { error: `entry ${out + 1} (${xs[out]}) is outside [${f.min}, ${f.max}]` };
      return { value: xs };
    }
  }
}

function splitQuery(query: string, problems: Problem[]): [string, string][] {
  let q = query;
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push({ key: '(link)', message: `link is longer than ${MAX_QUERY_LENGTH} characters; the rest was ignored`, used: 'the first part' });
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  q = q.replace(/^[^?#]*\?/, '').replace(/^#/, '').replace(/#.*$/, '');
  const pairs: [string, string][] = [];
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

/** Query string (with or without '?', or a whole URL) → valid parameters and what was wrong. */
export function decode(query: string): Decoded {
  const problems: Problem[] = [];
  const params = defaultParams() as Record<string, unknown>;
  const seen = new Set<string>();
  for (const [key, raw] of splitQuery(query, problems)) {
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
  if (params.v !== SCHEMA_VERSION) params.v = SCHEMA_VERSION;
  const cam = params.cam as number[];
  if (cam.length !== 0 && cam.length !== 3) {
    problems.push({ key: 'cam', message: `needs 3 numbers, got ${cam.length}`, used: 'the default view' });
    params.cam = [];
  }
  const { spec, problems: cross } = normalizeSpec(modelSpecOf(params as Params));
  Object.assign(params, spec);
  return { params: params as Params, problems: [...problems, ...cross] };
}

function encodeValue(f: Field, v: unknown): string {
  switch (f.type) {
    case 'bool':
      return v ? '1' : '0';
    case 'numbers':
      return (v as number[]).map((x) => String(x)).join(',');
    default:
      return String(v);
  }
}

/** Parameters → query string (no '?'), every key in schema order, so a link pins every value. */
export function encode(params: Params): string {
  const p = params as Record<string, unknown>;
  const parts: string[] = [];
  for (const f of SCHEMA as readonly Field[]) {
    const v = f.key === 'v' ? SCHEMA_VERSION : p[f.key];
    parts.push(`${encodeURIComponent(f.key)}=${encodeURIComponent(encodeValue(f, v)).replace(/%2C/g, ',').replace(/%3A/g, ':')}`);
  }
  return parts.join('&');
}

/** The model-defining subset of the parameters. */
export function modelSpecOf(p: Params): ModelSpec {
  return {
    k: p.k, n: p.n, d: p.d, beta: p.beta, p: p.p, sigma: p.sigma, target: p.target, drop012: p.drop012,
    geom: p.geom, gram: p.gram, seed: p.seed, T: p.T, tol: p.tol,
  };
}
