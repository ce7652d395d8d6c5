// Online SGD in the page: a dyn=sgd link runs in the worker, pauses at T with the counts the CLI
// prints for the same link, reads out its samples, and draws the flow's prediction dashed; the
// Dynamics control switches to live sizes; a link asking for too much is refused with the estimate.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, outcomeCounts, simTime, test, waitForEnd } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LINK = 'dyn=sgd&d=100&n=50&k=3&beta=0.1';

function cliFlow(query: string): Promise<{ counts: unknown; t: number; samples: number }> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', 'src/cli/flow.ts', query], { cwd: ROOT, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`flow CLI failed: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

test('a dyn=sgd link pauses at T with the CLI’s counts and samples = round(T/η)', async ({ page }) => {
  const query = `${LINK}&T=3`;
  const cli = cliFlow(query);
  await page.goto(`/?${query}`);
  await waitForEnd(page, 50_000);
  expect(await simTime(page)).toBe(3);
  const printed = await cli;
  expect(printed.samples).toBe(60000);
  expect(await outcomeCounts(page)).toEqual(printed.counts);
  await expect(page.getByTestId('sgd-samples')).toHaveAttribute('data-value', '60000');
  await expect(page.getByTestId('sgd-readout')).toContainText('d^2');
  await expect(page.getByTestId('overlap-legend-sgd')).toBeVisible();
  await expect(page.locator('select[name=dyn]')).toHaveValue('sgd');
});

test('playing an SGD run advances the worker; the plot shows SGD and the dashed flow', async ({ page }) => {
  await page.goto(`/?${LINK}&speed=2`);
  await expect.poll(() => simTime(page), { timeout: 30_000 }).toBeGreaterThan(0.5);
  const samples = Number(await page.getByTestId('sgd-samples').getAttribute('data-value'));
  expect(samples).toBeGreaterThan(0);
  await page.getByTestId('overlap-plot').scrollIntoViewIfNeeded();
  await page.getByTestId('overlap-plot').screenshot({ path: 'test-results/sgd-overlap-plot.png' });
});

test('switching to SGD writes live n and d into the link', async ({ page }) => {
  await page.goto('/?k=3&n=300&d=1000');
  await page.locator('select[name=dyn]').selectOption('sgd');
  await expect.poll(() => new URL(page.url()).searchParams.get('dyn')).toBe('sgd');
  const q = new URL(page.url()).searchParams;
  expect([q.get('n'), q.get('d')]).toEqual(['50', '100']);
  await expect(page.getByTestId('sgd-readout')).toBeVisible();
  await page.locator('select[name=dyn]').selectOption('flow');
  await expect.poll(() => new URL(page.url()).searchParams.get('dyn')).toBe('flow');
});

test('a link asking for too much SGD is refused with the estimate and runs the flow', async ({ page }) => {
  await page.goto('/?dyn=sgd&n=300&d=1000&k=3');
  const notice = page.getByTestId('notice').first();
  await expect(notice).toContainText('n·d·samples');
  await expect(notice).toContainText('using');
  await expect(page.locator('select[name=dyn]')).toHaveValue('flow');
});
