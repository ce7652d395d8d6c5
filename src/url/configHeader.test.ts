import { describe, expect, it } from 'vitest';
import { configHeader, parseConfigHeader } from './configHeader.ts';

describe('configuration header', () => {
  it('writes # key=value lines that read back in order, with the table after them', () => {
    const head = configHeader([['query', 'k=3&beta=0.2'], ['trials', 8], ['schema', 1]]);
    expect(head).toBe('# query=k=3&beta=0.2\n# trials=8\n# schema=1\n');
    const { config, body } = parseConfigHeader(`${head}beta,n\n0.2,100\n`);
    expect([...config]).toEqual([['query', 'k=3&beta=0.2'], ['trials', '8'], ['schema', '1']]);
    expect(body).toBe('beta,n\n0.2,100\n');
  });

  it('refuses values that would break the line format', () => {
    expect(() => configHeader([['query', 'a\nb']])).toThrow(/several lines/);
    expect(() => configHeader([['bad key', 1]])).toThrow(/plain name/);
  });

  it('reads a table without a header as all body', () => {
    expect(parseConfigHeader('a,b\n1,2\n')).toEqual({ config: new Map(), body: 'a,b\n1,2\n' });
  });
});
