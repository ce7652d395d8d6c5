// What the export buttons write and what the import reads, as pure functions of plain data:
// CSV and JSON of the neurons' overlaps and the traced history, outcome counts, and the run's
// configuration file (validated on the way back in like a link, through the codec).
import type { OutcomeCounts } from '../../core/outcomes/classify.ts';
import type { Problem } from '../../url/codec.ts';
import { FIELDS, SCHEMA_VERSION, type Params } from '../../url/schema.ts';

const CONFIG_FORMAT = 'flowsphere-config';
const TRAJECTORIES_FORMAT = 'flowsphere-trajectories';
/** Larger files are not read at all (a configuration is a few hundred bytes). */
export const MAX_CONFIG_BYTES = 1_000_000;

/** The part of frameData an export needs (plain arrays in tests). */
export interface FrameSnapshot {
  t: number;
  n: number;
  k: number;
  /** n rows of k */
  overlaps: ArrayLike<number>;
  /** per neuron: 0..k−1 heading for v_{j+1}, k at the average, k+1 other */
  codes: ArrayLike<number>;
  /** history samples */
  length: number;
  times: ArrayLike<number>;
  losses: ArrayLike<number>;
  /** per sample, `tracedStride` values: neuron-major overlaps of the first traced neurons */
  traces: ArrayLike<number>;
  tracedNeurons: number;
  tracedStride: number;
}

// shortest text that reads back as the same double
const num = (x: number) => (Number.isFinite(x) ? String(x) : '');

function headingName(code: number, k: number): string {
  if (code < k) return `v${code + 1}`;
  return code === k ? 'average' : 'other';
}

const tracedCount = (s: FrameSnapshot) => Math.min(s.tracedNeurons, s.n);

/** One row per neuron: t, neuron (1-based), u_1..u_k, heading. */
export function overlapsCsv(s: FrameSnapshot): string {
  const head = ['t', 'neuron', ...Array.from({ length: s.k }, (_, j) => `u${j + 1}`), 'heading'];
  const rows = [head.join(',')];
  const t = num(s.t);
  for (let i = 0; i < s.n; i++) {
    const row = [t, String(i + 1)];
    for (let j = 0; j < s.k; j++) row.push(num(s.overlaps[i * s.k + j]));
    row.push(headingName(s.codes[i], s.k));
    rows.push(row.join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** One row per history sample: t, mean loss, then the traced neurons' overlaps. */
export function historyCsv(s: FrameSnapshot): string {
  const m = tracedCount(s);
  const head = ['t', 'loss'];
  for (let i = 0; i < m; i++) for (let j = 0; j < s.k; j++) head.push(`n${i + 1}_u${j + 1}`);
  const rows = [head.join(',')];
  for (let r = 0; r < s.length; r++) {
    const row = [num(s.times[r]), num(s.losses[r])];
    for (let c = 0; c < m * s.k; c++) row.push(num(s.traces[r * s.tracedStride + c]));
    rows.push(row.join(','));
  }
  return `${rows.join('\n')}\n`;
}

/** outcome,index,count rows: per index vector recovered and attracted, then the rest. */
export function countsCsv(c: OutcomeCounts): string {
  const rows = ['outcome,index,count'];
  c.recovered.forEach((x, j) => rows.push(`recovered,v${j + 1},${x}`));
  c.attracted.forEach((x, j) => rows.push(`attracted,v${j + 1},${x}`));
  rows.push(`at average,,${c.atAverage}`, `other,,${c.other}`);
  rows.push(
    `anti-average,,${c.otherKinds.antiAverage}`,
    `equator,,${c.otherKinds.equator}`,
    `unsettled,,${c.otherKinds.unsettled}`,
    `failed,,${c.otherKinds.failed}`,
    `minus index,,${c.otherKinds.minusIndex}`,
    `another fixed point,,${c.otherKinds.fixedPoint}`,
  );
  // last, so the rows above stay where they were: of the attracted, those at the distorted
  // minimum near v_j (docs/model.md §7)
  c.atMinimum.forEach((x, j) => rows.push(`at minimum near,v${j + 1},${x}`));
  return `${rows.join('\n')}\n`;
}

/** Everything at once: the configuration, counts, every neuron's overlaps and the history. */
export function trajectoriesJson(s: FrameSnapshot, query: string, params: Params, counts: OutcomeCounts | null): string {
  const m = tracedCount(s);
  const rows = (xs: ArrayLike<number>, count: number, width: number, stride = width) =>
    Array.from({ length: count }, (_, r) => Array.from({ length: width }, (_, c) => xs[r * stride + c]));
  return JSON.stringify({
    format: TRAJECTORIES_FORMAT,
    version: SCHEMA_VERSION,
    query,
    params,
    t: s.t,
    n: s.n,
    k: s.k,
    counts,
    neurons: {
      u: rows(s.overlaps, s.n, s.k),
      heading: Array.from({ length: s.n }, (_, i) => headingName(s.codes[i], s.k)),
    },
    history: {
      t: Array.from({ length: s.length }, (_, r) => s.times[r]),
      loss: Array.from({ length: s.length }, (_, r) => s.losses[r]),
      traced: Array.from({ length: m }, (_, i) => i + 1),
      /** per sample: traced neurons × k overlaps, neuron-major */
      u: rows(s.traces, s.length, m * s.k, s.tracedStride),
    },
  });
}

export function configJson(query: string, params: Params): string {
  return `${JSON.stringify({ format: CONFIG_FORMAT, version: SCHEMA_VERSION, query, params }, null, 2)}\n`;
}

export type ParsedConfig = { ok: true; query: string; problems: Problem[] } | { ok: false; problem: Problem };

const refuse = (message: string): ParsedConfig => ({ ok: false, problem: { key: '(file)', message, used: 'nothing imported; the current parameters stay' } });

function paramText(v: unknown): string | null {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v.map(String).join(',');
  return null;
}

/**
 * A configuration file → a query for decode. `query` is what counts (it carries v, so old
 * files migrate like old links); `params` alone is accepted too, for files written by hand.
 */
export function parseConfig(text: string): ParsedConfig {
  if (text.length > MAX_CONFIG_BYTES) return refuse(`file is larger than ${MAX_CONFIG_BYTES / 1e6} MB`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return refuse(`not JSON (${err instanceof Error ? err.message.slice(0, 80) : 'parse error'})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return refuse('not a JSON object');
  const o = data as Record<string, unknown>;
  if (o.format !== CONFIG_FORMAT) {
    const given = typeof o.format === 'string' ? `"${o.format.slice(0, 40)}"` : 'missing';
    return refuse(`not a Flowsphere configuration (format is ${given}, expected "${CONFIG_FORMAT}")`);
  }
  const problems: Problem[] = [];
  let version: number | null = null;
  if (o.version !== undefined) {
    if (typeof o.version === 'number' && Number.isInteger(o.version)) version = o.version;
    else problems.push({ key: 'version', message: 'is not a whole number', used: 'the version in the query, or the current one' });
  }
  if (typeof o.query === 'string') {
    const q = o.query.replace(/^\?/, '');
    const hasV = /(^|&)v=/.test(q);
    return { ok: true, query: !hasV && version !== null ? `v=${version}&${q}` : q, problems };
  }
  if (o.query !== undefined) problems.push({ key: 'query', message: 'is not text', used: 'the params object' });
  if (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params)) {
    return refuse('has neither a query text nor a params object');
  }
  const parts: string[] = version !== null ? [`v=${version}`] : [];
  for (const [key, value] of Object.entries(o.params as Record<string, unknown>)) {
    // the file's version field, when present, says which version the params are in
    if (key === 'v' && version !== null) continue;
    const text = paramText(value);
    if (text === null) {
      problems.push({ key: key.slice(0, 40), message: FIELDS.has(key) ? 'has a value of the wrong kind' : 'unknown parameter', used: FIELDS.has(key) ? 'the default' : 'ignored' });
      continue;
    }
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return { ok: true, query: parts.join('&'), problems };
}
