// Page layout. Each panel reads the store through narrow selectors; none talks to the worker.
// Three areas: the view; the presenter strip (playback, β with its β_c mark, outcome counts,
// the overlap and loss plots), which a lecturer needs on screen together with the view; and
// everything else (teaching, model, thresholds, sharing). app.css places them: one column on
// a phone, view beside a stacked column on a narrow window, three columns on a projector.
import { Suspense, lazy } from 'react';
import { useApp } from '../state/store.ts';
import { ModelControls, PlaybackControls } from './Controls.tsx';
import { BetaControl } from './BetaControl.tsx';
import { DynamicsControls } from './DynamicsControls.tsx';
import { NoticeBar } from './NoticeBar.tsx';
import { OutcomeReadout, ThresholdReadout, TimeReadout } from './Readouts.tsx';
import { Caption } from './Caption.tsx';
import { RunPlots, ThresholdPlots } from '../plots/PlotsPanel.tsx';
import { SharePanel } from './share/SharePanel.tsx';
import { OpenFullLink } from './share/OpenFullLink.tsx';
import { EmbedControls } from './share/EmbedControls.tsx';
import './share/embed.css';
import { ShortcutsHelp } from './teach/ShortcutsHelp.tsx';
import { TeachPanel } from './teach/TeachPanel.tsx';
import { useShortcuts } from './teach/useShortcuts.ts';
import { UpdatePrompt } from './pwa/UpdatePrompt.tsx';
import { VIEW_PANEL_ID } from './fullscreen.ts';
import { FullscreenOverlay } from './FullscreenOverlay.tsx';
import { ViewArea } from './compare/SplitView.tsx';
import { LossControls } from './compare/LossControls.tsx';
import { SquaredLossReadout } from './compare/SquaredLossReadout.tsx';
import { ProjectionControl } from './ProjectionControl.tsx';

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
        <section className="view-panel" id={VIEW_PANEL_ID} aria-label="3-D view of the neurons on the sphere">
          <Suspense fallback={<div className="view-loading">loading the 3-D view…</div>}>
            <ViewArea />
          </Suspense>
          <TimeReadout />
          {!embed && <ProjectionControl />}
          <FullscreenOverlay />
          {!embed && <Caption />}
        </section>
        <section className="stage-panel" aria-label="playback, β and what the run shows">
          <PlaybackControls />
          {embed && <EmbedControls />}
          {embed && <OpenFullLink />}
          {!embed && (
            <>
              <BetaControl />
              <OutcomeReadout />
              <SquaredLossReadout />
              <RunPlots />
            </>
          )}
        </section>
        {!embed && (
          <aside className="side-panel">
            <TeachPanel />
            <ModelControls />
            <LossControls />
            <DynamicsControls />
            <ThresholdReadout />
            <ThresholdPlots />
            <SharePanel />
          </aside>
        )}
      </main>
      {!embed && (
        <Suspense fallback={null}>
          <ExplorePanel />
        </Suspense>
      )}
      {/* one instance for every mode: ? opens it in embed mode too, where the teaching panel is hidden */}
      <ShortcutsHelp />
      <UpdatePrompt />
    </div>
  );
}
