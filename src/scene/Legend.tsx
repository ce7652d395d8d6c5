// Colour key of the neurons, drawn over the corner of the view.
import { AVERAGE_COLOUR, codeColour, indexGlyph, OTHER_COLOUR } from '../view/palette.ts';
import { vectorLabel } from './labels.ts';

export function Legend({ k }: { k: number }) {
  const entries = Array.from({ length: k }, (_, j) => ({ label: `→ ${vectorLabel(j)}`, colour: codeColour(j, k), glyph: indexGlyph(j) }));
  return (
    <ul className="view-legend" aria-label="colour key of the neurons">
      {entries.map((e) => (
        <li key={e.label}>
          <span className={`swatch ${e.glyph}`} style={{ background: e.colour }} />
          {e.label}
        </li>
      ))}
      {k >= 2 && (
        <li>
          <span className="swatch" style={{ background: AVERAGE_COLOUR }} />
          at w̄
        </li>
      )}
      <li>
        <span className="swatch" style={{ background: OTHER_COLOUR }} />
        other
      </li>
    </ul>
  );
}
