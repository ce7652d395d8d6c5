// The one module that touches location and history. The address bar follows the parameters
// (replaceState, debounced, so dragging a slider leaves no trail of history entries), and the
// parameters follow the address bar (back/forward, a hash edited by hand). Discrete jumps —
// a preset, a tour step, an imported file — go through navigateTo and get their own entry.
import { getAppStore, type AppStore, type Notice } from '../state/store.ts';
import { decode, encode } from '../url/codec.ts';
import type { Params } from '../url/schema.ts';
import { MAX_SERVER_URL } from '../url/serverLimit.ts';

/** Quiet time after the last change before the address bar is rewritten. */
export const URL_DEBOUNCE_MS = 300;

/** The parts of `window` this module uses (a fake one in unit tests). */
export interface UrlHost {
  location: { href: string; pathname: string; search: string; hash: string };
  history: {
    state: unknown;
    replaceState(data: unknown, unused: string, url: string): void;
    pushState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'pagehide', listener: () => void): void;
}

interface Sync {
  store: AppStore;
  host: UrlHost;
  /** writes a pending change now */
  flush(): void;
  push(query: string): void;
}

let active: Sync | null = null;
let opening = '';

/**
 * The query the page was opened with, as given (the address bar soon shows the full canonical
 * link instead): lets a panel tell which keys a link actually set.
 */
export function openingQuery(): string {
  return opening;
}

const hashHasParams = (hash: string) => hash.includes('=');

/** The query the address bar carries: its search part, or a hash of parameters when there is none. */
function queryOf(loc: UrlHost['location']): string {
  if (loc.search.length > 1) return loc.search;
  return hashHasParams(loc.hash) ? loc.hash : '';
}

const pageAddress = (loc: UrlHost['location']) => loc.href.replace(/[?#].*$/, '');

/** Whether the query form of this link is too long for hosts: then its hash form is used. */
export const tooLongForQuery = (loc: UrlHost['location'], query: string) => pageAddress(loc).length + 1 + query.length > MAX_SERVER_URL;

/**
 * Path, canonical query, and the hash unless the hash held the parameters; or, for a link too
 * long for hosts, the parameters in the hash, which never reaches the server (a reload then
 * cannot end on a server's error page).
 */
function urlOf(loc: UrlHost['location'], query: string): string {
  if (tooLongForQuery(loc, query)) return `${loc.pathname}#${query}`;
  const hash = hashHasParams(loc.hash) ? '' : loc.hash;
  return `${loc.pathname}?${query}${hash}`;
}

/** The parameters the address bar carries now: its query, or a hash of parameters when there is none (some chat tools move them there). */
export function addressBarQuery(host: Pick<UrlHost, 'location'> = window): string {
  return queryOf(host.location);
}

export function startUrlSync(store: AppStore, host: UrlHost = window): () => void {
  opening = queryOf(host.location);

  /** the query the address bar shows now (as we last wrote or found it) */
  let shown = queryOf(host.location).replace(/^[?#]/, '');
  let timer: ReturnType<typeof setTimeout> | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const write = () => {
    cancel();
    const q = encode(store.getState().params);
    const url = urlOf(host.location, q);
    const { pathname, search, hash } = host.location;
    if (q === shown && url === pathname + search + hash) return;
    host.history.replaceState(host.history.state, '', url);
    shown = q;
  };
  // a pasted, partial or repaired link becomes the full canonical one (no new entry), after
  // the first render has had a chance to read the link as given (see openingQuery)
  timer = setTimeout(write, URL_DEBOUNCE_MS);

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.params === prev.params) return;
    if (encode(s.params) === shown) return cancel();
    cancel();
    timer = setTimeout(write, URL_DEBOUNCE_MS);
  });

  const onPopState = () => {
    // a change still waiting belongs to the entry we just left, which can no longer be edited
    cancel();
    const query = queryOf(host.location);
    shown = query.replace(/^[?#]/, '');
    const next = decode(query);
    if (encode(next.params) !== encode(store.getState().params)) store.getState().loadQuery(query, 'link');
    write();
  };
  // leaving the page (or reloading it) keeps the latest state in its entry
  const onPageHide = () => {
    if (timer !== undefined) write();
  };
  host.addEventListener('popstate', onPopState);
  host.addEventListener('pagehide', onPageHide);

  const sync: Sync = {
    store,
    host,
    flush: () => {
      if (timer !== undefined) write();
    },
    push(query) {
      host.history.pushState(null, '', urlOf(host.location, query));
      shown = query;
    },
  };
  active = sync;

  return () => {
    cancel();
    unsubscribe();
    host.removeEventListener('popstate', onPopState);
    host.removeEventListener('pagehide', onPageHide);
    if (active === sync) active = null;
  };
}

/**
 * A discrete jump (a preset, a tour step, an imported configuration): the current state keeps
 * its history entry, the new one gets its own, so Back returns to where the user was.
 * The query is validated like any link; its problems appear as a notice from `source`.
 */
export function navigateTo(query: string, source: Notice['source'] = 'link'): void {
  if (!active) {
    // no address bar to keep in step (unit tests, or before startup): just load the state
    getAppStore().getState().loadQuery(query, source);
    return;
  }
  const { store, flush, push } = active;
  flush();
  const canonical = encode(decode(query).params);
  if (canonical !== encode(store.getState().params)) push(canonical);
  store.getState().loadQuery(query, source);
}

export interface Link {
  url: string;
  /** the query form was too long for hosts (MAX_SERVER_URL), so `url` is the hash form */
  hashForm: boolean;
}

/** The full link to these parameters (default: the current ones), and which form it took. */
export function shareLink(params?: Params): Link {
  const p = params ?? active?.store.getState().params;
  const loc = (active?.host ?? window).location;
  if (!p) return { url: pageAddress(loc), hashForm: false };
  const q = encode(p);
  const hashForm = tooLongForQuery(loc, q);
  return { url: `${pageAddress(loc)}${hashForm ? '#' : '?'}${q}`, hashForm };
}

/** The full link to these parameters (default: the current ones), for copying and sharing. */
export function permalink(params?: Params): string {
  return shareLink(params).url;
}
