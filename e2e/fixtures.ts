// What every end-to-end test shares: a test that fails on any console error or uncaught page
// error, readers of the page's stable test hooks, and waits on conditions (animation frames,
// the flow worker's answers, the address bar's debounce), never on the clock.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import type { OutcomeCounts } from '../src/core/outcomes/classify.ts';
import type { FromWorker, ToWorker } from '../src/sim/protocol.ts';
import { URL_DEBOUNCE_MS } from '../src/app/location.ts';

export const test = base.extend<{ errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      await use(errors);
      expect(errors, 'console or page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The model or playback range input of a parameter (the explore panel reuses some names). */
export const slider = (page: Page, name: string) => page.locator(`fieldset.controls input[type=range][name=${name}]`);

/** Current flow time, from the `sim-time` hook. */
export const simTime = async (page: Page) => Number(await page.getByTestId('sim-time').getAttribute('data-value'));

/** Outcome counts as the page reports them (null before the first frame). */
export async function outcomeCounts(page: Page): Promise<OutcomeCounts | null> {
  const raw = await page.getByTestId('outcome-counts').getAttribute('data-counts');
  return raw ? (JSON.parse(raw) as OutcomeCounts) : null;
}

/** A run with T set pauses there and marks the readout "(end)". */
export async function waitForEnd(page: Page, timeout = 40_000) {
  await expect(page.locator('.readout.time')).toContainText('(end)', { timeout });
}

/**
 * Jump to end (the button) and wait for the end: for tests about the state at T rather than the
 * way there. The jump's state is the played one (unit tests compare both with the CLI).
 */
export async function jumpToEnd(page: Page, timeout = 40_000) {
  // its key, E, once the page listens (the button is there): a click would scroll the button
  // into view, and the layout checks that follow measure the page unscrolled
  await expect(page.locator('button[name=end]').first()).toBeAttached();
  await page.keyboard.press('e');
  await waitForEnd(page, timeout);
}

/** Pixels of a screenshot, decoded in the page, as the page-side readers below see them. */
export interface Screenshot {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Screenshots an element and decodes it in the page into `window.screenshot` (a Screenshot),
 * so a test's own page.evaluate can measure it without shipping megabytes of pixels back.
 */
export async function loadScreenshot(page: Page, el: Locator): Promise<void> {
  const png = await el.screenshot();
  await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    (window as unknown as { screenshot: Screenshot }).screenshot = { width: c.width, height: c.height, data };
  }, png.toString('base64'));
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The command line the page must agree with (same core, same seed), relative to the project root. */
export const FLOW_CLI = 'src/cli/flow.ts';

/** What `flow` prints for a query: the fields every run has, and those of some dynamics. */
export interface FlowReport {
  counts: OutcomeCounts;
  t: number;
  /** online SGD: samples drawn */
  samples?: number;
  /** squared loss: E[(f − f*)²] */
  generalizationError?: number;
  /** a split view's second run */
  compared?: Omit<FlowReport, 'compared'>;
}

/** The parsed JSON of `npx tsx src/cli/flow.ts <query>`. */
export function cliFlow<T = FlowReport>(query: string): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile('npx', ['tsx', FLOW_CLI, query], { cwd: ROOT, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`flow CLI failed: ${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
  });
}

/** Resolves once the page has run `n` more animation frames (its render loop included). */
export async function nextFrames(page: Page, n = 2): Promise<void> {
  await page.evaluate(
    (n) =>
      new Promise<void>((resolve) => {
        let left = n;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/**
 * Resolves once an address-bar write the app had scheduled before this call has run (or was
 * never scheduled): the app rewrites the link URL_DEBOUNCE_MS after the last change, and a
 * page timer of the same delay set later fires after it. For checks that the link did NOT
 * change; when it should change, poll the URL instead.
 */
export async function linkSettled(page: Page): Promise<void> {
  // the one clock-based wait left: no event marks a debounce that ends in no write
  await page.evaluate((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)), URL_DEBOUNCE_MS);
}

interface FlowTraffic {
  /** runs started ('configure' posted to a flow worker) so far */
  runs: number;
  /** requests for work ('advance' or 'project') posted to flow workers so far */
  sent: number;
  /** those not yet answered, by live workers */
  pending: number;
  /** resolves at once when nothing is pending, else when the answer that leaves nothing pending arrives */
  idle(): Promise<void>;
}

/** The flow worker's messages the watcher counts (typed against the protocol, so a rename fails the typecheck). */
const FLOW_MESSAGES: { start: ToWorker['type']; work: ToWorker['type'][]; answers: FromWorker['type'][] } = {
  start: 'configure',
  work: ['advance', 'project'],
  answers: ['frame', 'projected', 'error'],
};

/**
 * Counts what the page asks of its flow workers and what they answer. Call before page.goto:
 * it wraps window.Worker before the app's scripts run (and on every later navigation). Needed
 * by flowIdle and expectFlowStill, which otherwise cannot tell whether a frame is in flight.
 */
export async function watchFlowWorker(page: Page): Promise<void> {
  await page.addInitScript((names: typeof FLOW_MESSAGES) => {
    let waiters: (() => void)[] = [];
    const settle = () => {
      if (traffic.pending > 0) return;
      const done = waiters;
      waiters = [];
      for (const resolve of done) resolve();
    };
    const traffic: FlowTraffic = {
      runs: 0,
      sent: 0,
      pending: 0,
      idle: () => new Promise<void>((resolve) => (traffic.pending === 0 ? resolve() : waiters.push(resolve))),
    };
    (window as unknown as { flowTraffic: FlowTraffic }).flowTraffic = traffic;
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        if (!String(url).includes('flow.worker')) return;
        let owed = 0;
        const post = this.postMessage.bind(this) as (msg: unknown, transfer?: Transferable[]) => void;
        this.postMessage = ((msg: { type?: string } | null, transfer?: Transferable[]) => {
          const type = msg?.type as ToWorker['type'] | undefined;
          if (type === names.start) traffic.runs++;
          if (type !== undefined && names.work.includes(type)) {
            traffic.sent++;
            traffic.pending++;
            owed++;
          }
          post(msg, transfer);
        }) as Worker['postMessage'];
        this.addEventListener('message', (ev: MessageEvent) => {
          const type = (ev.data as { type?: FromWorker['type'] } | null)?.type;
          if (type !== undefined && names.answers.includes(type) && owed > 0) {
            owed--;
            traffic.pending--;
            settle();
          }
        });
        const terminate = this.terminate.bind(this);
        // a terminated worker answers nothing more: what it still owed is no longer awaited
        this.terminate = () => {
          traffic.pending -= owed;
          owed = 0;
          terminate();
          settle();
        };
      }
    };
  }, FLOW_MESSAGES);
}

/**
 * Waits until no flow-worker request is in flight (a frame on its way has landed) and the page
 * has drawn what it got. Needs watchFlowWorker.
 */
export async function flowIdle(page: Page): Promise<void> {
  // what the page's loop asks for in its next frame is asked for by then
  await nextFrames(page, 2);
  await page.evaluate(() => (window as unknown as { flowTraffic: FlowTraffic }).flowTraffic.idle());
  // the frame pump sees the new frame, the canvas renders it and places its labels
  await nextFrames(page, 3);
}

/**
 * The run stands still: once idle, the page's loop asks its worker for nothing over `frames`
 * animation frames (playing, stepping or a turning tour asks in the first frame it is not
 * waiting, so a few frames tell). Needs watchFlowWorker.
 */
export async function expectFlowStill(page: Page, frames = 10): Promise<void> {
  await flowIdle(page);
  const sent = () => page.evaluate(() => (window as unknown as { flowTraffic: FlowTraffic }).flowTraffic.sent);
  const before = await sent();
  await nextFrames(page, frames);
  expect(await sent(), 'requests to the flow worker while it should stand still').toBe(before);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersect = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;

/** Boxes of every visible label over the view; asserts that no two intersect and all lie inside the view. */
export async function expectLabelsApart(page: Page, expected?: number) {
  const view = (await page.getByTestId('flow-canvas').boundingBox())!;
  const labels = page.locator('[data-testid=label-layer] > .scene-label:visible');
  if (expected !== undefined) await expect(page.locator('[data-testid^=vector-tag-]')).toHaveCount(expected);
  // labels are placed in the canvas's render loop, after what they label and their own text:
  // measure them once two reads a few animation frames apart agree
  let boxes: Box[] = [];
  let previous = '';
  await expect
    .poll(async () => {
      await nextFrames(page, 2);
      boxes = [];
      for (const el of await labels.all()) {
        const b = await el.boundingBox();
        if (b) boxes.push(b);
      }
      const now = JSON.stringify(boxes);
      const stable = now === previous;
      previous = now;
      return stable;
    })
    .toBe(true);
  expect(boxes.length).toBeGreaterThan(0);
  const count = boxes.length;
  // nor under the buttons over the view (each on its own: on a phone one hangs below the row)
  for (const button of await page.locator('[data-testid=flow-canvas] .view-tools > button').all()) {
    const b = await button.boundingBox();
    if (b) boxes.push(b);
  }
  for (let i = 0; i < boxes.length; i++) {
    expect(boxes[i].x).toBeGreaterThanOrEqual(view.x - 0.5);
    expect(boxes[i].x + boxes[i].width).toBeLessThanOrEqual(view.x + view.width + 0.5);
    for (let j = 0; j < i; j++) expect(intersect(boxes[i], boxes[j]), `labels ${i} and ${j} overlap`).toBe(false);
  }
  return count;
}
