// The flow JSON carries the second threshold beside the first, the minimum near v_j, the
// even-φ note and the run's own warnings; earlier fields keep their names and order.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function flow(query: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/flow.ts', query], { cwd: ROOT, maxBuffer: 1 << 26 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as Record<string, unknown>),
    );
  });
}

describe('flow JSON', () => {
  it('betaFold beside betaC, indexMinimum after average, countsNote, counts gain fields additively', { timeout: 60_000 }, async () => {
    const out = await flow('k=3&beta=0.25&n=20&d=1000');
    const keys = Object.keys(out);
    expect(keys.slice(0, 5)).toEqual(['params', 'betaC', 'betaFold', 'average', 'indexMinimum']);
    expect(out.betaC).toEqual([0.25]);
    expect((out.betaFold as number[])[0]).toBeCloseTo(0.2612, 4);
    expect((out.indexMinimum as { overlap: number }).overlap).toBeCloseTo(3 / Math.sqrt(10), 10);
    expect(out.countsNote).toBeNull();
    const counts = out.counts as Record<string, unknown>;
    expect(Object.keys(counts).slice(0, 5)).toEqual(['recovered', 'attracted', 'atAverage', 'other', 'otherKinds']);
    expect(Object.keys(counts.otherKinds as object)).toEqual(['antiAverage', 'equator', 'unsettled', 'failed', 'minusIndex', 'fixedPoint']);
    const even = await flow('k=3&p=4&n=20&d=1000');
    expect(even.countsNote).toMatch(/even/);
    expect((even.counts as { attractedNegative: number[] }).attractedNegative).toHaveLength(3);
    const one = await flow('k=1&n=5&d=100');
    expect((one.average as { muSpan: number | null }).muSpan).toBeNull();
    expect(one.betaFold).toEqual([]);
    expect(one.indexMinimum).toBeNull();
  });
});
