// The README's command-line examples are real: each ```text block that starts with a
// `$ npm run -s sweep -- …` line is run and must print exactly the lines shown under it, and
// the numbers its sentences quote are the model's.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../core/model/model.ts';
import { decode, modelSpecOf } from '../url/codec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(`${ROOT}/README.md`, 'utf8');

interface Example {
  args: string[];
  expected: string;
}

/** `$ npm run -s sweep -- 'QUERY' FLAGS… 2>/dev/null` blocks. */
function sweepExamples(): Example[] {
  const out: Example[] = [];
  for (const block of README.split('```text\n').slice(1)) {
    const body = block.slice(0, block.indexOf('```'));
    const [command, ...lines] = body.split('\n');
    const m = /^\$ npm run -s sweep -- '([^']*)' (.*?)(?: 2>\/dev\/null)?$/.exec(command);
    if (!m) continue;
    out.push({ args: [m[1], ...m[2].split(/\s+/)], expected: lines.join('\n') });
  }
  return out;
}

function sweep(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...args], { cwd: ROOT }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}

describe('README examples', () => {
  const examples = sweepExamples();
  it('has the sweep examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });
  for (const ex of examples) {
    it(`sweep ${ex.args.join(' ')} prints what the README shows`, { timeout: 120_000 }, async () => {
      expect(await sweep(ex.args)).toBe(ex.expected);
    });
  }
  it('quotes β_fold and the overlaps of the minimum near v_j as the model computes them', () => {
    const model = (beta: number) => buildModel(modelSpecOf(decode(`k=3&beta=${beta}`).params));
    expect(README).toContain(`β_fold = ${model(0.25).betaFold[0].toFixed(4)}`);
    expect(model(0.25).indexMinimum!.overlap).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(README).toContain(`3/√10 = ${(3 / Math.sqrt(10)).toFixed(4)}`);
    expect(README).toContain(`fallen to ${model(0.26).indexMinimum!.overlap.toFixed(3)} at β = 0.26`);
  });
});
