// The one store: parameters, run control, view, and low-rate readouts. Per-frame data
// (positions, histories) never enters it: see frameData.ts.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RunInfo } from '../sim/protocol.ts';
import type { Readout } from './readout.ts';
import { capProblems, decode, encode, modelSpecOf, type Problem } from '../url/codec.ts';
import { frameData } from './frameData.ts';
import { prefersReducedMotion } from './motion.ts';
import { defaultParams, FIELDS, type ParamKey, type Params } from '../url/schema.ts';
import { specKey } from '../core/model/model.ts';

// scene and ui take the readout type from the store
export type { Readout };

export interface Notice {
  id: number;
  /** where it came from: a link, an edit, an import, or the flow itself */
  source: 'link' | 'input' | 'import' | 'flow';
  problems: Problem[];
}

export interface AppState {
  params: Params;
  playing: boolean;
  /** the run reached its end time T; play then starts it again */
  finished: boolean;
  /** bumped to restart the run from its seeded initial state */
  resetNonce: number;
  /** bumped to request one step while paused */
  stepNonce: number;
  /** bumped to ask for the run's end state at once (Jump to end, app/runner.ts) */
  endNonce: number;
  /** reduced motion: the new run goes straight to its end time (with its plots' history) instead of playing */
  jumpToEnd: boolean;
  info: RunInfo | null;
  readout: Readout;
  notices: Notice[];
  fault: string | null;

  setParam<K extends ParamKey>(key: K, value: Params[K]): void;
  setParams(next: Partial<Params>, source?: Notice['source']): void;
  /** Replaces every parameter from a query string (link, back/forward, import). */
  loadQuery(query: string, source: Notice['source']): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  step(): void;
  /** Jump to end: the exact state at T, computed without drawing the way there. */
  toEnd(): void;
  reset(): void;
  newSeed(): void;
  dismissNotice(id: number): void;
  addNotice(source: Notice['source'], problems: Problem[]): void;
}

let noticeId = 0;

const emptyReadout: Readout = { t: 0, loss: 0, counts: null, failed: 0, computeMs: 0 };

const modelKeyOf = (p: Params) => specKey(modelSpecOf(p));

/** A link with `t` opens paused at that flow time; any other link plays. */
const pausedAt = (p: Params) => p.t > 0;

/** The same parameters with the paused-at time `t` (the same object when it is unchanged). */
export function withTime(p: Params, t: number): Params {
  return p.t === t ? p : { ...p, t };
}

/** Validates any combination of parameters by a round trip through the permalink codec. */
function normalized(next: Params): { params: Params; problems: Problem[] } {
  return decode(encode(next));
}

export function createAppStore(initialQuery = '') {
  const first = decode(initialQuery);
  return createStore<AppState>()((set, get) => ({
    params: first.params,
    playing: !pausedAt(first.params),
    finished: false,
    jumpToEnd: false,
    resetNonce: 0,
    stepNonce: 0,
    endNonce: 0,
    info: null,
    readout: emptyReadout,
    notices: first.problems.length > 0 ? [{ id: ++noticeId, source: 'link', problems: first.problems }] : [],
    fault: null,

    setParam(key, value) {
      get().setParams({ [key]: value } as Partial<Params>);
    },
    setParams(next, source = 'input') {
      const before = get().params;
      const merged = { ...before, ...next };
      // leaving the custom geometry drops its matrix: a leftover is the page's state, not the
      // user's mistake (a link that names both still gets its notice, through loadQuery)
      if (next.geom !== undefined && next.geom !== 'gram' && next.gram === undefined) merged.gram = [];
      const { params, problems } = normalized(merged);
      // A new model restarts from its seeded start and plays, whether or not the last run had
      // ended; a view change (camera, speed, trails, …) never touches the run.
      if (modelKeyOf(params) !== modelKeyOf(before)) {
        const still = prefersReducedMotion();
        set({ params: { ...params, t: 0 }, finished: false, playing: !still, jumpToEnd: still, fault: null });
      } else set({ params });
      if (problems.length > 0) get().addNotice(source, problems);
    },
    loadQuery(query, source) {
      const { params, problems } = decode(query);
      set({ params, finished: false, resetNonce: get().resetNonce + 1, ...(pausedAt(params) ? { playing: false } : {}) });
      if (problems.length > 0) get().addNotice(source, problems);
    },
    play: () => {
      const params = withTime(get().params, 0);
      if (get().finished) set({ params, playing: true, jumpToEnd: false, fault: null, finished: false, resetNonce: get().resetNonce + 1 });
      else set({ params, playing: true, jumpToEnd: false, fault: null });
    },
    // the paused time goes into the link (`t`); frames still in flight update it (app/runner.ts)
    pause: () =>
      set({
        playing: false,
        // before the first frame (reduced motion pauses at once) a link's own t stays
        params: frameData.runId >= 0 ? withTime(get().params, frameData.t) : get().params,
        readout: frameData.runId >= 0 && frameData.readout ? frameData.readout : get().readout,
      }),
    togglePlay: () => (get().playing ? get().pause() : get().play()),
    step: () => set({ playing: false, stepNonce: get().stepNonce + 1 }),
    toEnd: () => set({ endNonce: get().endNonce + 1, fault: null }),
    reset: () => set({ params: withTime(get().params, 0), resetNonce: get().resetNonce + 1, finished: false, fault: null }),
    newSeed: () => {
      const seedField = FIELDS.get('seed')!;
      const seed = (get().params.seed + 1) % (seedField.max! + 1);
      get().setParams({ seed });
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    addNotice: (source, problems) =>
      set({ notices: [...get().notices, { id: ++noticeId, source, problems: capProblems(problems) }].slice(-5) }),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export { defaultParams };

let appStore: AppStore | null = null;

/** Creates the page's store from the link it was opened with (call once, before rendering). */
export function initAppStore(query: string): AppStore {
  appStore = createAppStore(query);
  return appStore;
}

/** The page's store (default parameters if initAppStore was never called, as in tests). */
export function getAppStore(): AppStore {
  if (!appStore) appStore = createAppStore('');
  return appStore;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(getAppStore(), selector);
}
