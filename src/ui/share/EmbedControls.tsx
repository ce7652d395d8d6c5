// embed=1&controls=beta (or a list such as beta,k): the sliders a slide needs under the view,
// so the key interaction works inside an iframe. Names are permalink keys; anything else is
// listed as ignored (as text, never markup).
import { useApp } from '../../state/store.ts';
import { BetaSlider } from '../BetaControl.tsx';
import { ParamSlider, SLIDER_NAMES } from '../Controls.tsx';

/** The keys a `controls` value asks for, split into those shown and those not known. */
function parseControls(text: string): { shown: string[]; unknown: string[] } {
  const shown: string[] = [];
  const unknown: string[] = [];
  for (const raw of text.split(',')) {
    const key = raw.trim();
    if (key === '') continue;
    if (key === 'beta' || SLIDER_NAMES.includes(key)) {
      if (!shown.includes(key)) shown.push(key);
    } else unknown.push(key);
  }
  return { shown, unknown };
}

export function EmbedControls() {
  const text = useApp((s) => s.params.controls);
  const { shown, unknown } = parseControls(text);
  if (shown.length === 0 && unknown.length === 0) return null;
  return (
    <div className="embed-controls" data-testid="embed-controls">
      {shown.map((key) =>
        key === 'beta' ? <BetaSlider key={key} label="β" /> : <ParamSlider key={key} name={key as 'k' | 'n' | 'p' | 'd' | 'speed'} />,
      )}
      {unknown.length > 0 && (
        <p className="hint">
          controls: {unknown.join(', ')} {unknown.length > 1 ? 'are' : 'is'} not a slider here (ignored; known: beta, {SLIDER_NAMES.join(', ')})
        </p>
      )}
    </div>
  );
}
