import { describe, expect, it } from 'vitest';
import { createAppStore } from './store.ts';
import { frameData } from './frameData.ts';

describe('app store', () => {
  it('starts from the link, with a notice naming each bad value and what was used', () => {
    const s = createAppStore('?n=200000&beta=0.3&k=abc').getState();
    expect(s.params.n).toBe(100000);
    expect(s.params.beta).toBe(0.3);
    expect(s.params.k).toBe(3);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0].source).toBe('link');
    const byKey = Object.fromEntries(s.notices[0].problems.map((p) => [p.key, p]));
    expect(byKey.n.used).toBe('100000');
    expect(byKey.n.message).toContain('200000');
    expect(byKey.k.used).toBe('3');
  });

  it('a clean link gives no notice', () => {
    expect(createAppStore('k=4&n=50').getState().notices).toEqual([]);
  });

  it('setParam validates through the codec: a good value is kept, a bad one clamped with a notice', () => {
    const store = createAppStore('');
    store.getState().setParam('beta', 0.31);
    expect(store.getState().params.beta).toBe(0.31);
    expect(store.getState().notices).toEqual([]);
    store.getState().setParam('beta', 7);
    expect(store.getState().params.beta).toBe(0.99);
    const [notice] = store.getState().notices;
    expect(notice.source).toBe('input');
    expect(notice.problems[0]).toMatchObject({ key: 'beta', used: '0.99' });
    store.getState().setParam('n', 0);
    expect(store.getState().params.n).toBe(1);
    expect(store.getState().notices).toHaveLength(2);
  });

  it('a camera with the wrong number of coordinates falls back to the default view', () => {
    const store = createAppStore('');
    store.getState().setParam('cam', [1, 2]);
    expect(store.getState().params.cam).toEqual([]);
    expect(store.getState().notices[0].problems[0].key).toBe('cam');
    store.getState().setParam('cam', [1.5, -2, 3]);
    expect(store.getState().params.cam).toEqual([1.5, -2, 3]);
  });

  it('keeps only the five latest notices and dismisses by id', () => {
    const store = createAppStore('');
    for (let i = 0; i < 7; i++) store.getState().setParam('n', 0);
    const notices = store.getState().notices;
    expect(notices).toHaveLength(5);
    store.getState().dismissNotice(notices[0].id);
    expect(store.getState().notices.map((n) => n.id)).toEqual(notices.slice(1).map((n) => n.id));
  });

  it('play, pause, step and reset move the flags and nonces', () => {
    const store = createAppStore('');
    const st = () => store.getState();
    expect(st().playing).toBe(true);
    st().pause();
    expect(st().playing).toBe(false);
    st().togglePlay();
    expect(st().playing).toBe(true);
    st().step();
    expect(st().playing).toBe(false);
    expect(st().stepNonce).toBe(1);
    st().step();
    expect(st().stepNonce).toBe(2);
    store.setState({ fault: 'boom', finished: true });
    st().reset();
    expect(st()).toMatchObject({ resetNonce: 1, finished: false, fault: null });
  });

  it('play after the run finished restarts it; play mid-run does not', () => {
    const store = createAppStore('');
    const st = () => store.getState();
    st().pause();
    st().play();
    expect(st().resetNonce).toBe(0);
    store.setState({ playing: false, finished: true, fault: 'x' });
    st().play();
    expect(st()).toMatchObject({ playing: true, finished: false, resetNonce: 1, fault: null });
  });

  it('a parameter change clears "finished"; loadQuery also restarts the run', () => {
    const store = createAppStore('');
    store.setState({ finished: true });
    store.getState().setParam('k', 4);
    expect(store.getState().finished).toBe(false);
    store.getState().loadQuery('k=2&n=9999999', 'import');
    expect(store.getState().params).toMatchObject({ k: 2, n: 100000 });
    expect(store.getState().resetNonce).toBe(1);
    expect(store.getState().notices.at(-1)!.source).toBe('import');
  });

  it('a model change restarts and plays, even after the run ended; a view change leaves the run alone', () => {
    const store = createAppStore('');
    const st = () => store.getState();
    store.setState({ playing: false, finished: true });
    st().setParam('cam', [1, 2, 3]);
    expect(st()).toMatchObject({ playing: false, finished: true });
    st().setParam('speed', 1);
    expect(st()).toMatchObject({ playing: false, finished: true });
    st().setParam('beta', 0.3);
    expect(st()).toMatchObject({ playing: true, finished: false });
    st().pause();
    st().newSeed();
    expect(st().playing).toBe(true);
  });

  it('a link with t opens paused there; play clears t, a model change clears it too', () => {
    const store = createAppStore('t=12.5&T=100');
    const st = () => store.getState();
    expect(st()).toMatchObject({ playing: false });
    expect(st().params.t).toBe(12.5);
    st().play();
    expect(st().params.t).toBe(0);
    store.setState({ playing: false, params: { ...st().params, t: 3 } });
    st().setParam('k', 4);
    expect(st().params.t).toBe(0);
    st().loadQuery('t=2', 'link');
    expect(st()).toMatchObject({ playing: false });
    expect(st().params.t).toBe(2);

    // pausing before any frame (reduced motion pauses on load) keeps the link's t
    const runId = frameData.runId;
    frameData.runId = -1;
    try {
      st().pause();
      expect(st().params.t).toBe(2);
    } finally {
      frameData.runId = runId;
    }
  });

  it('pausing shows the latest frame, the one whose time goes into the link, not the last throttled readout', () => {
    const store = createAppStore('');
    const st = () => store.getState();
    store.setState({ readout: { t: 1, loss: 0, counts: null, failed: 0, computeMs: 0 } });
    const saved = { runId: frameData.runId, t: frameData.t, readout: frameData.readout };
    try {
      frameData.runId = 7;
      frameData.t = 1.5;
      frameData.readout = { t: 1.5, loss: -0.25, counts: null, failed: 0, computeMs: 0 };
      st().pause();
      expect(st().params.t).toBe(1.5);
      expect(st().readout.t).toBe(1.5);
      expect(st().readout.loss).toBe(-0.25);
    } finally {
      Object.assign(frameData, saved);
    }
  });

  it('under reduced motion a model change goes to its end instead of playing; Play still plays', () => {
    const g = globalThis as { matchMedia?: unknown };
    const saved = g.matchMedia;
    g.matchMedia = (q: string) => ({ matches: q.includes('reduce') });
    try {
      const store = createAppStore('');
      const st = () => store.getState();
      st().setParam('beta', 0.3);
      expect(st()).toMatchObject({ playing: false, jumpToEnd: true });
      st().setParam('cam', [1, 2, 3]);
      expect(st().jumpToEnd).toBe(true);
      st().play();
      expect(st()).toMatchObject({ playing: true, jumpToEnd: false });
    } finally {
      g.matchMedia = saved;
    }
  });

  it('new seed moves to the next seed', () => {
    const store = createAppStore('seed=41');
    store.getState().newSeed();
    expect(store.getState().params.seed).toBe(42);
  });

  it('leaving the custom geometry drops its matrix silently; a link with both keys still gets its notice', () => {
    const store = createAppStore('k=3&geom=gram&gram=1,0.3,0.1,0.3,1,-0.2,0.1,-0.2,1');
    expect(store.getState().params.geom).toBe('gram');
    store.getState().setParam('geom', 'orth');
    expect(store.getState().params.geom).toBe('orth');
    expect(store.getState().params.gram).toEqual([]);
    expect(store.getState().notices).toEqual([]);
    store.getState().setParams({ geom: 'gram', gram: [1, 0.3, 0.1, 0.3, 1, -0.2, 0.1, -0.2, 1] });
    store.getState().setParam('geom', 'equi');
    expect(store.getState().params.gram).toEqual([]);
    expect(store.getState().notices).toEqual([]);
    store.getState().loadQuery('k=3&geom=orth&gram=1,0.3,0.1,0.3,1,-0.2,0.1,-0.2,1', 'link');
    expect(store.getState().notices).toHaveLength(1);
    expect(store.getState().notices[0].problems[0].message).toContain('a Gram matrix is used only with geom=gram');
  });
});
