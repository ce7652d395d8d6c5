// The `proj` view key through the codec: links without it stay byte for byte what they were,
// good values read as themselves (canonical form), bad ones say what was wrong and fall back to
// the even spread, and no value of it ever changes the run.
import { describe, expect, it } from 'vitest';
import { decode, encode, modelSpecOf } from './codec.ts';
import { defaultParams } from './schema.ts';
import { heldTourText, parseProjectionKey, projectionChoiceOf } from './projectionKey.ts';

const problemOf = (query: string) => decode(query).problems.find((p) => p.key === 'proj');

describe('proj in links', () => {
  it('is left out at its default, so existing links are unchanged', () => {
    expect(encode(defaultParams())).not.toContain('proj');
    for (const q of ['k=16', 'k=16&proj=even', 'k=16&proj=', 'k=5&beta=0.1&proj=EVEN']) {
      const { params, problems } = decode(q);
      expect(problems).toEqual([]);
      expect(params.proj).toBe('even');
      expect(encode(params)).toBe(encode(decode('k=' + params.k + (q.includes('beta') ? '&beta=0.1' : '')).params));
    }
  });

  it('reads three index vectors and the tour, in canonical form, and writes them back', () => {
    const cases: [string, string][] = [
      ['k=16&proj=1,4,7', '1,4,7'],
      ['k=16&proj=7,1,4', '7,1,4'],
      ['k=16&proj=v4,+1,+16', '4,1,16'],
      ['k=5&proj=5,3,1', '5,3,1'],
      ['k=16&proj=tour', 'tour'],
      ['k=16&proj=Tour', 'tour'],
      ['k=16&proj=tour:1.2500', 'tour:1.25'],
      ['k=16&proj=tour:0', 'tour:0'],
    ];
    for (const [q, text] of cases) {
      const { params, problems } = decode(q);
      expect(problems).toEqual([]);
      expect(params.proj).toBe(text);
      expect(encode(params)).toContain(`&proj=${text}&`);
      expect(decode(encode(params)).params).toEqual(params);
    }
  });

  it('never changes the run: the model of a link is the same with any proj', () => {
    const plain = modelSpecOf(decode('k=16&beta=0.1&seed=4').params);
    for (const proj of ['1,4,7', 'tour', 'even', 'junk']) expect(modelSpecOf(decode(`k=16&beta=0.1&seed=4&proj=${proj}`).params)).toEqual(plain);
  });

  const bad: [query: string, message: RegExp][] = [
    ['k=5&proj=1,4,7', /there is no v7 with k = 5 \(the numbers go from 1 to 5\)/],
    ['k=16&proj=0,1,2', /there is no v0 with k = 16/],
    ['k=16&proj=1,4,4', /v4 is chosen twice; the three index vectors must differ/],
    ['k=16&proj=1,4', /"1,4" is not even, tour, or three index-vector numbers such as 1,4,7/],
    ['k=16&proj=1,2,3,4', /is not even, tour, or three index-vector numbers/],
    ['k=16&proj=1.5,2,3', /is not even, tour, or three index-vector numbers/],
    ['k=16&proj=spin', /"spin" is not even, tour, or three/],
    ['k=16&proj=-1,2,3', /is not even, tour, or three/],
    ['k=16&proj=tour:-1', /"tour:-1": the tour's position after "tour:" must be a number from 0 to 1000000/],
    ['k=16&proj=tour:x', /the tour's position after "tour:" must be a number/],
    ['k=16&proj=tour:2e7', /the tour's position after "tour:" must be a number/],
  ];
  for (const [query, message] of bad) {
    it(`${query}: says what was wrong and shows the even spread`, () => {
      const p = problemOf(query);
      expect(p?.message).toMatch(message);
      expect(p?.used).toBe('even (every index vector spread evenly)');
      expect(decode(query).params.proj).toBe('even');
      expect(encode(decode(query).params)).not.toContain('proj');
    });
  }

  it('markup or an overlong value is refused as text before it is read', () => {
    const markup = problemOf('k=16&proj=%3Cimg%20src%3Dx%3E');
    expect(markup?.message).toMatch(/has characters other than letters, digits/);
    expect(markup?.used).toBe('even');
    expect(problemOf('k=16&proj=' + '1,'.repeat(15) + '1')?.message).toMatch(/longer than 16 characters/);
    expect(decode('k=16&proj=%3Cb%3E').params.proj).toBe('even');
  });

  it('a change of k that drops a chosen vector is reported and falls back', () => {
    const { params } = decode('k=16&proj=2,9,16');
    const { params: next, problems } = decode(encode({ ...params, k: 8 }));
    expect(next.proj).toBe('even');
    expect(problems.map((p) => p.message)).toContain('there is no v9 with k = 8 (the numbers go from 1 to 8)');
  });
});

describe('the worker choice of a key', () => {
  it('uses 0-based indices and the tour phase', () => {
    const parsed = parseProjectionKey('1,4,7', 16);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(projectionChoiceOf(parsed.value)).toEqual({ kind: 'vectors', indices: [0, 3, 6] });
    expect(projectionChoiceOf({ choice: 'tour', phase: null }, 2.5)).toEqual({ kind: 'tour', phase: 2.5 });
    expect(projectionChoiceOf({ choice: 'tour', phase: 1.25 }, 2.5)).toEqual({ kind: 'tour', phase: 1.25 });
    expect(projectionChoiceOf({ choice: 'even' })).toEqual({ kind: 'even' });
  });
});

describe('a held tour in the link', () => {
  it('is written with 4 decimals, clamped, and reads back as that phase', () => {
    expect(heldTourText(1.234567)).toBe('tour:1.2346');
    expect(heldTourText(-3)).toBe('tour:0');
    const parsed = parseProjectionKey(heldTourText(12.5), 16);
    expect(parsed.ok && parsed.value).toEqual({ choice: 'tour', phase: 12.5 });
  });
});
