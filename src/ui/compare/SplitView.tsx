// The view area: the one 3-D view, or, with compare=…, two of them side by side — the link's
// run on the left, the second run (other loss, or one parameter changed) on the right — with
// linked cameras and one clock (see src/sim/compareRunner.ts).
import { lazy } from 'react';
import { compareFrames, compareStore, useCompare } from '../../state/compareData.ts';
import { useApp } from '../../state/store.ts';
import { FullscreenButton } from '../FullscreenOverlay.tsx';
import { CameraLink } from './CameraLink.tsx';
import { PaneReadout } from './PaneReadout.tsx';
import { paneTitle } from './paneTitle.ts';
import './splitView.css';

const FlowView = lazy(() => import('../../scene/FlowView.tsx'));

export function ViewArea() {
  const labels = useCompare((s) => s.labels);
  return labels ? <SplitView left={labels.left} right={labels.right} /> : <FlowView tools={<FullscreenButton />} />;
}

function SplitView({ left, right }: { left: string; right: string }) {
  const info = useCompare((s) => s.info);
  const compareReadout = useCompare((s) => s.readout);
  const fault = useCompare((s) => s.fault);
  const readout = useApp((s) => s.readout);
  const tol = useApp((s) => s.params.tol);
  return (
    <div className="split-view" data-testid="split-view">
      <div className="split-pane" aria-label={`run with ${paneTitle(left)}`} role="group">
        <p className="pane-label" title={left}>{paneTitle(left)}</p>
        <FlowView tools={<FullscreenButton />}>
          <CameraLink pane={0} />
        </FlowView>
        <PaneReadout readout={readout} label={paneTitle(left)} tol={tol} testId="pane-left" />
      </div>
      <div className="split-pane" aria-label={`run with ${paneTitle(right)}`} role="group">
        <p className="pane-label" title={right}>{paneTitle(right)}</p>
        <FlowView source={{ frames: compareFrames, info, readouts: compareStore }} tools={<FullscreenButton />} testId="flow-canvas-compare">
          <CameraLink pane={1} />
        </FlowView>
        {fault ? <p className="pane-readout fault" role="alert">{right}: {fault}</p> : <PaneReadout readout={compareReadout} label={paneTitle(right)} tol={tol} testId="pane-right" />}
      </div>
    </div>
  );
}
