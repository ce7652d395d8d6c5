// Workers that stop without a word: a flow worker that closes itself or hangs in a loop, the
// split view's second one, an explore worker in the middle of a sweep. Each is noticed within
// seconds (the bound on a silent worker, src/sim/supervisor.ts), said in the crash notice's
// words, and replaced; the run goes on with Play, the sweep ends with the table of an
// undisturbed run.
import type { Locator, Page, Worker } from '@playwright/test';
import { expect, simTime, test, waitForEnd } from './fixtures.ts';

const playButton = (page: Page) => page.locator('button[name=play]');
const isPlaying = async (page: Page) => (await playButton(page).getAttribute('aria-pressed')) === 'true';
const linkTime = (page: Page) => Number(new URL(page.url()).searchParams.get('t'));

/** Every dedicated worker the page starts, from before it loads. */
function watchWorkers(page: Page) {
  const all: Worker[] = [];
  page.on('worker', (w) => all.push(w));
  return (name: 'flow' | 'explore') => all.filter((w) => w.url().includes(`${name}.worker`));
}

/**
 * Names each worker by the order the page creates it in (`self.name` inside it): the order
 * Playwright reports them in is not always that one, and the split view's second pane is the
 * second flow worker created.
 */
async function nameWorkersInOrder(page: Page) {
  await page.addInitScript(() => {
    const Native = window.Worker;
    let created = 0;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, { ...options, name: `worker-${++created}` });
      }
    };
  });
}

async function workerNamed(workers: Worker[], name: string): Promise<Worker> {
  for (const w of workers) if ((await w.evaluate(() => self.name)) === name) return w;
  throw new Error(`no worker named ${name}`);
}

/** A worker's own thread stops answering: it closes itself, or spins for good. */
const FAULTS = {
  'closes itself': (w: Worker) => w.evaluate(() => void setTimeout(() => close(), 0)),
  'hangs in a busy loop': (w: Worker) =>
    w.evaluate(() =>
      void setTimeout(() => {
        for (;;);
      }, 0),
    ),
};

/** The notice within 10 s of the fault, the run paused on a frame that the link names. */
async function expectNotice(notice: Locator, page: Page) {
  await expect(notice).toContainText(/did not answer for \d+ s; restarted from the last frame \(t = /, { timeout: 10_000 });
  await expect.poll(() => isPlaying(page)).toBe(false);
  const t = await simTime(page);
  expect(t).toBeGreaterThan(0);
  await expect.poll(() => linkTime(page)).toBe(t);
  return t;
}

/** Play runs again: the notice goes and t moves on from where it stopped. */
async function expectPlayRunsOn(page: Page, t: number) {
  await playButton(page).click();
  await expect(page.getByTestId('fault')).toHaveCount(0);
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeGreaterThan(t);
}

for (const [what, fault] of Object.entries(FAULTS)) {
  test(`a flow worker that ${what} is noticed and replaced, and Play runs on`, async ({ page }) => {
    const workers = watchWorkers(page);
    await page.goto('./?d=1000000&T=1000000&seed=5');
    await expect.poll(() => simTime(page)).toBeGreaterThan(0.02);
    expect(workers('flow')).toHaveLength(1);
    await fault(workers('flow')[0]);
    const t = await expectNotice(page.getByTestId('fault'), page);
    expect(workers('flow')).toHaveLength(2);
    await expectPlayRunsOn(page, t);
  });
}

for (const [what, fault] of Object.entries(FAULTS)) {
  test(`the split view’s second worker that ${what} is noticed in its pane and on the page, and Play runs on`, async ({ page }) => {
    const workers = watchWorkers(page);
    await nameWorkersInOrder(page);
    await page.goto('./?compare=beta:0.35&n=100');
    await expect(page.getByTestId('split-view')).toBeVisible();
    await expect.poll(() => simTime(page)).toBeGreaterThan(0.02);
    await expect.poll(() => workers('flow').length).toBe(2);
    // the page's runner starts its worker first, the second pane's runner second (main.tsx)
    await fault(await workerNamed(workers('flow'), 'worker-2'));
    const t = await expectNotice(page.getByTestId('fault'), page);
    await expect(page.getByTestId('fault')).toContainText('in the pane beta=0.35');
    const pane = page.locator('.split-pane').nth(1).getByRole('alert');
    await expect(pane).toContainText('did not answer');
    expect(workers('flow')).toHaveLength(3);
    await expectPlayRunsOn(page, t);
    await expect(pane).toHaveCount(0);
    await expect(page.getByTestId('pane-right')).toBeVisible();
  });
}

/**
 * A β sweep a link starts by itself: 30 short runs (n = 30), so that the bound on a silent
 * explore worker is its floor (each run takes well under a tenth of it).
 */
const SWEEP = './?beta=0.2&k=3&p=3&n=40&T=2&sw=beta&swFrom=0.1&swTo=0.3&swPoints=5&swTrials=6&swN=30';

async function sweepCsv(page: Page, card: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'CSV' }).click();
  const chunks = await (await (await download).createReadStream()).toArray();
  return Buffer.concat(chunks).toString('utf8');
}

test('an explore worker that closes itself during a β sweep is replaced and the sweep ends with the same table', async ({ page, context }) => {
  const workers = watchWorkers(page);
  const first = page.waitForEvent('worker', { predicate: (w) => w.url().includes('explore.worker') });
  await page.goto(SWEEP);
  // the worker closes itself right after its third answer ("running: 3 of 30 runs"), however
  // fast the sweep runs: the job it is given next never comes back
  await (await first).evaluate(() => {
    const post = self.postMessage.bind(self) as (message: unknown) => void;
    let answers = 0;
    (self as unknown as { postMessage: (message: { type?: string }) => void }).postMessage = (message) => {
      post(message);
      if (message.type === 'result' && ++answers === 3) close();
    };
  });
  // within 10 s of the fault a new worker has taken over and the sweep has ended
  const card = page.getByTestId('sweep-beta');
  await expect(card.locator('.explore-status')).toContainText('done', { timeout: 10_000 });
  expect(workers('explore').length).toBeGreaterThan(1);
  // the CSV's query is the page's link, which carries the main run's time: both at its end
  await waitForEnd(page);
  const disturbed = await sweepCsv(page, card);

  const fresh = await context.newPage();
  await fresh.goto(SWEEP);
  const again = fresh.getByTestId('sweep-beta');
  await expect(again.locator('.explore-status')).toContainText('done', { timeout: 60_000 });
  await waitForEnd(fresh);
  expect(disturbed).toBe(await sweepCsv(fresh, again));
  await fresh.close();
});
