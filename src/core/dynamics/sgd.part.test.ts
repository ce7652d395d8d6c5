// Parts of an SGD run (sim/partsLookahead.ts steps them on in parallel): each neuron steps on its
// own row and the shared samples, so parts stepped apart and loaded back are the run, bit for bit.
import { describe, expect, it } from 'vitest';
import { sgdTestModel } from './sgdTestModel.ts';
import { createSgd } from './factory.ts';
import { SgdDynamics, type SgdSetup } from './sgd.ts';

const model = () => sgdTestModel({ n: 7, d: 51, seed: 9, eta: 0.05 });

describe('SGD part and loadPart', () => {
  it('parts stepped apart and loaded back give the state of the whole run stepped at once', () => {
    const whole = createSgd(model());
    const run = createSgd(model());
    whole.takeSteps(40);
    run.takeSteps(40);
    const head = run.part(0, 3)!;
    const tail = run.part(3, 4)!;
    expect(head.n).toBe(3);
    expect(tail.n).toBe(4);
    head.takeSteps(300);
    tail.takeSteps(120);
    tail.takeSteps(180);
    whole.takeSteps(300);
    // the run itself stepped on meanwhile: loading every part puts it where the parts are
    run.takeSteps(7);
    run.loadPart(tail.saveState(), 3, 4);
    run.loadPart(head.saveState(), 0, 3);
    expect(run.stepCount).toBe(340);
    expect(run.stats.accepted).toBe(whole.stats.accepted);
    expect(Array.from(run.weights)).toEqual(Array.from(whole.weights));
    expect(Array.from(run.norms)).toEqual(Array.from(whole.norms));
    expect(Array.from(run.failed)).toEqual(Array.from(whole.failed));
    expect(run.generatorState()).toEqual(whole.generatorState());
    const u = new Float64Array(7 * 3), v = new Float64Array(7 * 3);
    run.takeSteps(50);
    whole.takeSteps(50);
    expect(Array.from(run.measuredOverlaps(u))).toEqual(Array.from(whole.measuredOverlaps(v)));
  });

  it('a part’s overlaps are its rows of the run’s, from the start on', () => {
    const run = createSgd(model());
    const part = run.part(2, 3)!;
    const u = new Float64Array(7 * 3), v = new Float64Array(3 * 3);
    run.advanceTo(0, u);
    part.advanceTo(0, v);
    expect(Array.from(v)).toEqual(Array.from(u.subarray(6, 15)));
    run.advanceTo(5, u);
    part.advanceTo(5, v);
    expect(Array.from(v)).toEqual(Array.from(u.subarray(6, 15)));
  });

  it('no part out of range or where the steps do not run in the module, and a state of another size is refused', () => {
    const run = createSgd(model());
    expect(run.part(-1, 2)).toBeNull();
    expect(run.part(5, 3)).toBeNull();
    expect(run.part(0, 0)).toBeNull();
    expect(run.part(1.5, 2)).toBeNull();
    const setup = run['setup'] as SgdSetup;
    expect(new SgdDynamics({ ...setup, simd: false }).part(0, 2)).toBeNull();
    const part = run.part(0, 2)!;
    expect(() => run.loadPart(part.saveState(), 0, 3)).toThrow(/part/);
    expect(() => run.loadPart(part.saveState(), 6, 2)).toThrow(/part/);
  });
});
