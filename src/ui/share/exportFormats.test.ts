// Export files read back by an independent parser (split on commas and newlines, JSON.parse)
// must give exactly the numbers that went in; configuration files go back through the codec.
import { describe, expect, it } from 'vitest';
import { emptyCounts, type OutcomeCounts } from '../../core/outcomes/classify.ts';
import { decode, encode } from '../../url/codec.ts';
import { SCHEMA_VERSION } from '../../url/schema.ts';
import { configJson, countsCsv, historyCsv, overlapsCsv, parseConfig, trajectoriesJson, type FrameSnapshot } from './exportFormats.ts';

const csvRows = (text: string) => text.trimEnd().split('\n').map((line) => line.split(','));

// 3 neurons, k = 2, two history samples with 2 traced neurons in a row stride of 4·k = 8
const snapshot: FrameSnapshot = {
  t: 12.5,
  n: 3,
  k: 2,
  overlaps: [0.1, -0.2, 1 / 3, 0.999999999, -0, 5e-324],
  codes: [0, 2, 3],
  length: 2,
  times: [0, 12.5],
  losses: [-0.01, -0.75],
  traces: [0.1, 0.2, 0.3, 0.4, 9, 9, 9, 9, 0.5, 0.6, 0.7, 0.8, 9, 9, 9, 9],
  tracedNeurons: 4,
  tracedStride: 8,
};

const counts: OutcomeCounts = {
  ...emptyCounts(2),
  recovered: [4, 5],
  attracted: [6, 7],
  atAverage: 8,
  other: 9,
  otherKinds: { antiAverage: 1, equator: 2, unsettled: 5, failed: 1, minusIndex: 0, fixedPoint: 0 },
  atMinimum: [2, 0],
};

describe('overlapsCsv', () => {
  it('has a header and one row per neuron whose numbers read back exactly', () => {
    const rows = csvRows(overlapsCsv(snapshot));
    expect(rows[0]).toEqual(['t', 'neuron', 'u1', 'u2', 'heading']);
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).map((r) => r.slice(2, 4).map(Number))).toEqual([[0.1, -0.2], [1 / 3, 0.999999999], [0, 5e-324]]);
    expect(rows.slice(1).map((r) => [Number(r[0]), r[1], r[4]])).toEqual([[12.5, '1', 'v1'], [12.5, '2', 'average'], [12.5, '3', 'other']]);
  });
});

describe('historyCsv', () => {
  it('keeps only the traced neurons that exist (min(traced, n)) and skips the row padding', () => {
    const rows = csvRows(historyCsv(snapshot));
    expect(rows[0]).toEqual(['t', 'loss', 'n1_u1', 'n1_u2', 'n2_u1', 'n2_u2', 'n3_u1', 'n3_u2']);
    expect(rows.slice(1).map((r) => r.map(Number))).toEqual([
      [0, -0.01, 0.1, 0.2, 0.3, 0.4, 9, 9],
      [12.5, -0.75, 0.5, 0.6, 0.7, 0.8, 9, 9],
    ]);
    const one = csvRows(historyCsv({ ...snapshot, n: 1 }));
    expect(one[0]).toEqual(['t', 'loss', 'n1_u1', 'n1_u2']);
    expect(one[2].map(Number)).toEqual([12.5, -0.75, 0.5, 0.6]);
  });
});

describe('countsCsv', () => {
  it('lists every count once, and they add up to n', () => {
    const rows = csvRows(countsCsv(counts)).slice(1);
    expect(rows).toContainEqual(['recovered', 'v2', '5']);
    expect(rows).toContainEqual(['attracted', 'v1', '6']);
    expect(rows).toContainEqual(['at average', '', '8']);
    expect(rows).toContainEqual(['unsettled', '', '5']);
    expect(rows).toContainEqual(['failed', '', '1']);
    // the attracted at the minimum near each v_j, after every older row
    expect(rows.slice(-2)).toEqual([['at minimum near', 'v1', '2'], ['at minimum near', 'v2', '0']]);
    const total = rows.filter((r) => ['attracted', 'at average', 'other'].includes(r[0])).reduce((s, r) => s + Number(r[2]), 0);
    expect(total).toBe(6 + 7 + 8 + 9);
  });
});

describe('trajectoriesJson', () => {
  it('holds rows of overlaps, headings, the history and the configuration', () => {
    const params = decode('k=2&n=3').params;
    const o = JSON.parse(trajectoriesJson(snapshot, encode(params), params, counts));
    expect(o).toMatchObject({ format: 'flowsphere-trajectories', version: SCHEMA_VERSION, t: 12.5, n: 3, k: 2, counts });
    expect(o.neurons.u).toEqual([[0.1, -0.2], [1 / 3, 0.999999999], [0, 5e-324]]);
    expect(o.neurons.heading).toEqual(['v1', 'average', 'other']);
    expect(o.history.traced).toEqual([1, 2, 3]);
    expect(o.history.u[1]).toEqual([0.5, 0.6, 0.7, 0.8, 9, 9]);
    expect(decode(o.query).params).toEqual(params);
  });
});

describe('configuration files', () => {
  const params = decode('k=4&beta=0.15&seed=11&sigma=relu&target=relu&cam=1,2,3').params;

  it('round-trip through parseConfig and decode', () => {
    const text = configJson(encode(params), params);
    expect(JSON.parse(text)).toMatchObject({ format: 'flowsphere-config', version: SCHEMA_VERSION });
    const parsed = parseConfig(text);
    expect(parsed).toMatchObject({ ok: true, problems: [] });
    if (parsed.ok) expect(decode(parsed.query)).toEqual({ params, problems: [] });
  });

  it('accept a params object written by hand, validated like a link', () => {
    const parsed = parseConfig(JSON.stringify({ format: 'flowsphere-config', params: { k: 5, beta: 3, drop012: true, cam: [0, 0, 9], colour: 'red', seed: { x: 1 } } }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.problems).toEqual([{ key: 'seed', message: 'has a value of the wrong kind', used: 'the default' }]);
    const { params: p, problems } = decode(parsed.query);
    expect(p).toMatchObject({ k: 5, beta: 0.99, drop012: true, cam: [0, 0, 9], seed: 1 });
    expect(problems).toEqual([
      { key: 'beta', message: '3 is outside [0, 0.99]', used: '0.99' },
      { key: 'colour', message: 'unknown parameter', used: 'ignored' },
    ]);
  });

  it('carry the file version into a query without one, so old files migrate', () => {
    const parsed = parseConfig(JSON.stringify({ format: 'flowsphere-config', version: 7, query: 'k=2' }));
    expect(parsed).toMatchObject({ ok: true, query: 'v=7&k=2' });
    if (parsed.ok) expect(decode(parsed.query).problems[0]).toMatchObject({ key: 'v', message: expect.stringMatching(/newer version/) });
  });

  it('refuse files that are not configurations, saying why', () => {
    const why = (text: string) => {
      const r = parseConfig(text);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.problem.message;
    };
    expect(why('k=3')).toMatch(/^not JSON/);
    expect(why('[1,2]')).toBe('not a JSON object');
    expect(why('null')).toBe('not a JSON object');
    expect(why('{"query":"k=3"}')).toMatch(/format is missing/);
    expect(why('{"format":"flowsphere-trajectories","query":"k=3"}')).toMatch(/format is "flowsphere-trajectories"/);
    expect(why('{"format":"flowsphere-config"}')).toMatch(/neither a query text nor a params object/);
    expect(why(' '.repeat(1_000_001))).toMatch(/larger than 1 MB/);
  });
});
