import { describe, expect, it } from 'vitest';
import { paneTitle } from './paneTitle.ts';

describe('paneTitle', () => {
  it('writes a pane’s label in the page’s words and symbols', () => {
    expect(paneTitle('beta=0.255')).toBe('β = 0.255');
    expect(paneTitle('loss=corr')).toBe('correlation loss');
    expect(paneTitle('loss=mse')).toBe('squared loss');
    expect(paneTitle('dyn=sgd')).toBe('online SGD');
    expect(paneTitle('eta=0.001')).toBe('η = 0.001');
    expect(paneTitle('k=4')).toBe('k = 4');
    // a value it has no word for stays as it is
    expect(paneTitle('loss=other')).toBe('loss = other');
    expect(paneTitle('odd')).toBe('odd');
  });
});
