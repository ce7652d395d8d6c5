// Page layout. Each panel reads the store through narrow selectors; none talks to the worker.
import { Suspense, lazy } from 'react';
import { useApp } from '../state/store.ts';
import { ModelControls, PlaybackControls } from './Controls.tsx';
import { DynamicsControls } from './DynamicsControls.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { OutcomeReadout, ThresholdReadout, TimeReadout } from './Readouts.tsx';
import { Caption } from './Caption.tsx';
import { PlotsPanel } from '../plots/PlotsPanel.tsx';
import { SharePanel } from './share/SharePanel.tsx';
import { OpenFullLink } from './share/OpenFullLink.tsx';
import './share/embed.css';
import { ShortcutsHelp } from './teach/ShortcutsHelp.tsx';
import { TeachPanel } from './teach/TeachPanel.tsx';
import { useShortcuts } from './teach/useShortcuts.ts';

const FlowView = lazy(() => import('../scene/FlowView.tsx'));
const ExplorePanel = lazy(() => import('./explore/ExplorePanel.tsx'));

export function App() {
  const embed = useApp((s) => s.params.embed);
  useShortcuts();
  return (
    <div className={embed ? 'app embed' : 'app'}>
      {!embed && (
        <header className="app-header">
          <h1>Flowsphere</h1>
          <p className="tagline">gradient flow of a network learning a Gaussian multi-index model</p>
        </header>
      )}
      <NoticeBar />
      <main className="layout">
        <section className="view-panel" aria-label="3-D view of the neurons on the sphere">
          <Suspense fallback={<div className="view-loading">loading the 3-D view…</div>}>
            <FlowView />
          </Suspense>
          <TimeReadout />
          {!embed && <Caption />}
        </section>
        <aside className="side-panel">
          <PlaybackControls />
          {embed && <OpenFullLink />}
          {!embed && (
            <>
              <TeachPanel />
              <ModelControls />
              <DynamicsControls />
              <ThresholdReadout />
              <OutcomeReadout />
              <PlotsPanel />
              <SharePanel />
            </>
          )}
        </aside>
      </main>
      {!embed && (
        <Suspense fallback={null}>
          <ExplorePanel />
        </Suspense>
      )}
      {/* one instance for every mode: ? opens it in embed mode too, where the teaching panel is hidden */}
      <ShortcutsHelp />
    </div>
  );
}
