// The address-bar sync against a fake browser history: debounced replaceState (no entry per
// slider tick), pushState only for navigateTo, popstate restoring parameters, hash links.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../state/store.ts';
import { decode } from '../url/codec.ts';
import { SCHEMA_VERSION } from '../url/schema.ts';
import { MAX_SERVER_URL } from '../url/serverLimit.ts';
import { addressBarQuery, navigateTo, openingQuery, permalink, shareLink, startUrlSync, URL_DEBOUNCE_MS, type UrlHost } from './location.ts';

/** A history of URLs with a cursor, as a browser keeps it. */
class FakeHost implements UrlHost {
  entries: string[];
  index = 0;
  replaced = 0;
  pushed = 0;
  private listeners = new Map<string, Set<() => void>>();
  location = { href: '', pathname: '', search: '', hash: '' };
  history = {
    state: null as unknown,
    replaceState: (_d: unknown, _u: string, url: string) => {
      this.replaced++;
      this.entries[this.index] = url;
      this.setLocation(url);
    },
    pushState: (_d: unknown, _u: string, url: string) => {
      this.pushed++;
      this.entries = [...this.entries.slice(0, this.index + 1), url];
      this.index++;
      this.setLocation(url);
    },
  };

  constructor(url: string) {
    this.entries = [url];
    this.setLocation(url);
  }

  private setLocation(url: string) {
    const u = new URL(url, 'https://flow.example/');
    this.location = { href: u.href, pathname: u.pathname, search: u.search, hash: u.hash };
  }

  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  go(delta: number) {
    this.index += delta;
    this.setLocation(this.entries[this.index]);
    for (const fn of this.listeners.get('popstate') ?? []) fn();
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  get query() {
    return this.location.search;
  }
}

let stop: (() => void) | null = null;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  stop?.();
  stop = null;
  vi.useRealTimers();
});

function setup(url: string) {
  const host = new FakeHost(url);
  const store = createAppStore(addressBarQuery(host));
  stop = startUrlSync(store, host);
  return { host, store };
}

describe('the address bar follows the state', () => {
  it('rewrites a partial link into the full canonical one after the debounce, without a new entry', () => {
    const { host } = setup('/app/?k=4&beta=0.1');
    expect(host.query).toBe('?k=4&beta=0.1');
    expect(openingQuery()).toBe('?k=4&beta=0.1');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    expect(host.pushed).toBe(0);
    expect(host.entries).toHaveLength(1);
    expect(host.location.pathname).toBe('/app/');
    expect(decode(host.query)).toMatchObject({ params: { k: 4, beta: 0.1 }, problems: [] });
    expect(host.query).toMatch(new RegExp(`^\\?v=${SCHEMA_VERSION}&k=4&`));
  });

  it('writes once, 300 ms after the last of many slider ticks, and never pushes', () => {
    const { host, store } = setup('/?beta=0.1');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    const before = host.replaced;
    for (let i = 1; i <= 20; i++) {
      store.getState().setParam('beta', 0.1 + i * 0.01);
      vi.advanceTimersByTime(50);
    }
    expect(host.replaced).toBe(before);
    vi.advanceTimersByTime(URL_DEBOUNCE_MS - 50 - 1);
    expect(host.replaced).toBe(before);
    vi.advanceTimersByTime(1);
    expect(host.replaced).toBe(before + 1);
    expect(host.pushed).toBe(0);
    expect(decode(host.query).params.beta).toBeCloseTo(0.3, 12);
  });

  it('writes nothing when a change is undone before the debounce ends', () => {
    const { host, store } = setup('/?beta=0.1');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    const before = host.replaced;
    store.getState().setParam('beta', 0.2);
    store.getState().setParam('beta', 0.1);
    vi.advanceTimersByTime(1000);
    expect(host.replaced).toBe(before);
  });

  it('writes a pending change when the page is hidden', () => {
    const { host, store } = setup('/');
    store.getState().setParam('k', 5);
    host.fire('pagehide');
    expect(decode(host.query).params.k).toBe(5);
  });

  it('keeps an ordinary hash but drops a hash that held the parameters', () => {
    const first = setup('/?k=4#about');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    expect(first.host.location.hash).toBe('#about');
    stop!();
    const { host, store } = setup('/#k=6&beta=0.05');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    expect(store.getState().params).toMatchObject({ k: 6, beta: 0.05 });
    expect(host.location.hash).toBe('');
    expect(decode(host.query).params.k).toBe(6);
  });
});

describe('the state follows the address bar', () => {
  it('navigateTo pushes one entry; back and forward restore both states', () => {
    const { host, store } = setup('/?k=3&beta=0.1');
    store.getState().setParam('beta', 0.15);
    // the jump comes before the debounce: the slider's value must still land in the old entry
    navigateTo('k=5&beta=0.3');
    expect(host.pushed).toBe(1);
    expect(store.getState().params).toMatchObject({ k: 5, beta: 0.3 });
    host.go(-1);
    expect(store.getState().params).toMatchObject({ k: 3, beta: 0.15 });
    host.go(1);
    expect(store.getState().params).toMatchObject({ k: 5, beta: 0.3 });
    expect(host.entries).toHaveLength(2);
  });

  it('restarts the run on popstate only when the parameters differ', () => {
    const { host, store } = setup('/?k=3');
    const nonce = store.getState().resetNonce;
    host.go(0);
    expect(store.getState().resetNonce).toBe(nonce);
  });

  it('shows the problems of a bad link reached by back/forward, and of navigateTo', () => {
    const { host, store } = setup('/');
    host.history.pushState(null, '', '/?beta=7&zz=1');
    host.go(0);
    const notice = store.getState().notices.at(-1)!;
    expect(notice.source).toBe('link');
    expect(notice.problems.map((p) => p.key)).toEqual(['beta', 'zz']);
    expect(decode(host.query).problems).toEqual([]);
    navigateTo('k=99', 'import');
    expect(store.getState().notices.at(-1)).toMatchObject({ source: 'import', problems: [{ key: 'k', used: '16' }] });
  });

  it('drops a pending write when the user goes back (it belonged to the entry left)', () => {
    const { host, store } = setup('/?k=3');
    navigateTo('k=4');
    store.getState().setParam('beta', 0.33);
    host.go(-1);
    vi.advanceTimersByTime(1000);
    expect(decode(host.entries[0]).params).toMatchObject({ k: 3, beta: 0.2 });
    expect(decode(host.entries[1]).params.k).toBe(4);
  });
});

describe('permalink', () => {
  it('is the page address with the full canonical query', () => {
    const { store } = setup('/app/index.html?k=2#x');
    expect(permalink()).toMatch(new RegExp(`^https://flow\\.example/app/index\\.html\\?v=${SCHEMA_VERSION}&k=2&[^#]*$`));
    expect(decode(permalink()).params).toEqual(store.getState().params);
    expect(permalink({ ...store.getState().params, embed: true })).toMatch(/&embed=1/);
  });

  it('of a link too long for hosts is its #… form, in the address bar too, and reads back from there', () => {
    // a k = 6 Gram matrix (a long link) under a very long sub-path
    const path = `/${'lecture/'.repeat(465)}`;
    const gram = '1,0.1,0.2,0.3,0.4,0.5,0.1,1,0.1,0.2,0.3,0.4,0.2,0.1,1,0.1,0.2,0.3,0.3,0.2,0.1,1,0.1,0.2,0.4,0.3,0.2,0.1,1,0.1,0.5,0.4,0.3,0.2,0.1,1';
    const { host, store } = setup(`${path}?k=6&geom=gram&gram=${gram}`);
    expect(store.getState().params.geom).toBe('gram');
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    expect(host.location.search).toBe('');
    expect(host.location.hash).toMatch(new RegExp(`^#v=${SCHEMA_VERSION}&k=6&`));
    expect(decode(addressBarQuery(host)).params).toEqual(store.getState().params);
    const link = shareLink();
    expect(link.hashForm).toBe(true);
    expect(link.url.startsWith(`https://flow.example${path}#v=`)).toBe(true);
    expect(`https://flow.example${path}?${link.url.split('#')[1]}`.length).toBeGreaterThan(MAX_SERVER_URL);
    expect(decode(link.url).params).toEqual(store.getState().params);
    // back to a short link: the query form again
    store.getState().setParams({ geom: 'equi', gram: [] });
    vi.advanceTimersByTime(URL_DEBOUNCE_MS);
    expect(host.location.search).toMatch(/^\?v=/);
    expect(host.location.hash).toBe('');
    expect(shareLink().hashForm).toBe(false);
  });
});
