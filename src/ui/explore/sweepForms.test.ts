import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../core/model/model.ts';
import { readField, sweepConfigOf, sweepFields } from './sweepForms.ts';

const BASE: ModelSpec = {
  k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 7, tol: 0.05,
};

const values = (kind: Parameters<typeof sweepFields>[0]) => Object.fromEntries(sweepFields(kind, BASE).map((f) => [f.name, f.value]));

describe('sweep forms', () => {
  it('takes defaults from the main model, sized small', () => {
    const beta = values('beta');
    expect(beta.n).toBe(100);
    // β_c = 1/4 for p = 3, k = 3: the default range reaches past it
    expect(beta.to).toBeGreaterThan(0.25);
    expect(values('coupon').k).toBe(3);
  });

  it('clamps out-of-range and non-integer input and says what it used', () => {
    const trials = sweepFields('beta', BASE).find((f) => f.name === 'trials')!;
    expect(readField(trials, '0')).toEqual({ value: 1, note: 'trials: 0 is outside 1…200 or not whole; using 1' });
    expect(readField(trials, '2.6').value).toBe(3);
    expect(readField(trials, 'abc')).toEqual({ value: 4, note: 'trials: "abc" is not a number; using 4' });
    expect(readField(trials, ' 7 ')).toEqual({ value: 7, note: null });
  });

  it('builds configurations: whole n for coupons, reversed ranges swapped, auto end time', () => {
    const coupon = sweepConfigOf('coupon', BASE, { ...values('coupon'), k: 4, upTo: 2 });
    expect(coupon.config.xs.map((x) => x * 4)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(coupon.config.base.T).toBe(0);
    expect(coupon.notes).toContain('runs use the automatic end time, not T = 7');
    const beta = sweepConfigOf('beta', BASE, { ...values('beta'), from: 0.4, to: 0.1, points: 4 });
    expect(beta.config.xs).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(beta.notes.some((n) => n.includes('reversed'))).toBe(true);
    const phase = sweepConfigOf('phase', BASE, { ...values('phase'), kFrom: 3, kTo: 5 });
    expect(phase.config.ks).toEqual([3, 4, 5]);
  });
});

describe('sweeps in the link', () => {
  it('a run writes its settings as sw keys (defaults as 0) and a link reads them back, clamped', async () => {
    const { defaultParams } = await import('../../url/schema.ts');
    const { formFromLink, linkOfForm, pointParams } = await import('./sweepForms.ts');
    const fields = sweepFields('beta', BASE);
    const v = { ...values('beta'), from: 0.1, to: 0.4, points: 4 };
    const link = linkOfForm('beta', fields, v);
    expect(link).toMatchObject({ sw: 'beta', swFrom: 0.1, swTo: 0.4, swPoints: 4, swTrials: 0, swN: 0, swK: 0 });
    const back = formFromLink(fields, { ...defaultParams(), ...link });
    expect(back.values).toEqual(v);
    expect(back.notes).toEqual([]);
    const tooMany = formFromLink(fields, { ...defaultParams(), ...link, swN: 3000 });
    expect(tooMany.values.n).toBe(2000);
    expect(tooMany.notes[0]).toContain('using 2000');
    const { config, used } = sweepConfigOf('phase', BASE, { ...values('phase'), kFrom: 5, kTo: 3 });
    expect([used.kFrom, used.kTo]).toEqual([3, 5]);
    const row = { x: 0.3, k: 4, n: 40 } as Parameters<typeof pointParams>[1];
    expect(pointParams(config, row)).toMatchObject({ beta: 0.3, k: 4, n: 40, geom: 'equi', T: 0, seed: 1 });
  });
});
