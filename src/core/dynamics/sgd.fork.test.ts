// A fork of an SGD run (sim/lookahead.ts steps one ahead of the frames): the same seed and the
// same steps give the same state whichever copy took them, and a saved state continues exactly.
import { describe, expect, it } from 'vitest';
import { sgdTestModel } from './sgdTestModel.ts';
import { createSgd } from './factory.ts';
import { SgdDynamics, type SgdSetup } from './sgd.ts';

const model = () => sgdTestModel({ n: 7, d: 51, seed: 9, eta: 0.05 });

describe('SGD fork, saveState and loadState', () => {
  it('a fork stepped on its own reaches the state of the run it came from, bit for bit', () => {
    const run = createSgd(model());
    run.takeSteps(40);
    const fork = run.fork()!;
    expect(fork).not.toBeNull();
    fork.takeSteps(300);
    run.takeSteps(300);
    expect(Array.from(fork.weights)).toEqual(Array.from(run.weights));
    expect(Array.from(fork.norms)).toEqual(Array.from(run.norms));
    expect(fork.generatorState()).toEqual(run.generatorState());
    expect(fork.samples).toBe(run.samples);
  });

  it('a run that loads a fork’s saved state is where the fork was, and goes on as the plain run does', () => {
    const plain = createSgd(model());
    const run = createSgd(model());
    const fork = run.fork()!;
    fork.takeSteps(250);
    const saved = fork.saveState();
    fork.takeSteps(50);
    run.loadState(saved);
    expect(run.stepCount).toBe(250);
    expect(run.stats.accepted).toBe(250);
    run.takeSteps(100);
    plain.takeSteps(350);
    expect(Array.from(run.weights)).toEqual(Array.from(plain.weights));
    expect(run.generatorState()).toEqual(plain.generatorState());
    const u = new Float64Array(7 * 3), v = new Float64Array(7 * 3);
    run.measuredOverlaps(u);
    plain.measuredOverlaps(v);
    expect(Array.from(u)).toEqual(Array.from(v));
  });

  it('no fork where the steps do not run in the module (the JavaScript passes): the worker then waits as before', () => {
    const setup = createSgd(model())['setup'] as SgdSetup;
    const js = new SgdDynamics({ ...setup, simd: false });
    expect(js.fork()).toBeNull();
  });
});
