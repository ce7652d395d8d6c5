import { describe, expect, it } from 'vitest';
import { JobPace } from './jobPace.ts';
import type { ExploreJob } from './protocol.ts';
import { testSpec } from './testSpec.ts';

const job = (kind: 'beta' | 'escape', n = 30): ExploreJob => ({ kind: 'sweep', job: { kind, point: 0, trial: 0, spec: testSpec({ n }) } });

describe('JobPace', () => {
  it('knows nothing of a class before one of its jobs has answered', () => {
    const pace = new JobPace();
    expect(pace.expected(job('beta'), 90, true)).toBe(Infinity);
    pace.learn(job('escape'), 90, 500, true);
    expect(pace.expected(job('beta'), 90, false)).toBe(Infinity);
  });

  it('scales the most time per unit seen by the job’s units, a worker’s first job apart', () => {
    const pace = new JobPace();
    pace.learn(job('beta'), 90, 900, true); // compiling: 10 ms a unit
    expect(pace.expected(job('beta'), 90, false)).toBe(900); // no later job seen: the first's
    pace.learn(job('beta'), 90, 90, false); // 1 ms a unit
    pace.learn(job('beta'), 90, 45, false); // faster: the slowest stays
    expect(pace.expected(job('beta'), 900, false)).toBe(900);
    expect(pace.expected(job('beta'), 900, true)).toBe(9000);
  });

  it('where only later jobs were seen, a first job gets their rate (the floor covers compiling)', () => {
    const pace = new JobPace();
    pace.learn(job('beta'), 90, 90, false);
    expect(pace.expected(job('beta'), 90, true)).toBe(90);
  });
});
