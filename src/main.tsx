import { startRunner } from './app/runner.ts';
import { startCompareRunner } from './app/compareRunner.ts';
import { initAppStore } from './state/store.ts';
import { addressBarQuery, startUrlSync } from './app/location.ts';
import { FALLBACK_MS, markFirstFrameShown } from './state/firstFrame.ts';
import './ui/app.css';

const store = initAppStore(addressBarQuery());
startRunner(store);
startCompareRunner(store);
startUrlSync(store);
setTimeout(markFirstFrameShown, FALLBACK_MS);
// React, three.js and the view are most of the page's code: the flow worker, started above,
// builds the first frame while they load and run (npm run perf, "first moving neurons")
const root = document.getElementById('root')!;
import('./ui/mountApp.tsx').then(
  ({ mountApp }) => mountApp(root),
  (err: unknown) => {
    // e.g. a deployment replaced the files under an open page: say so rather than stay blank
    root.textContent = `The page's code could not be loaded (${err instanceof Error ? err.message : String(err)}). Reload the page to try again.`;
  },
);
