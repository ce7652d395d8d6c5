// Editor for a custom Gram matrix G = VᵀV: a k×k grid with the unit diagonal fixed and the two
// halves kept equal, applied only when the core accepts it (finite, in [−1, 1], PSD).
import { useId, useState, type FormEvent } from 'react';
import { customGeometry } from '../core/model/geometry.ts';
import { getAppStore, useApp } from '../state/store.ts';
import type { Params } from '../url/schema.ts';
import './fields.css';

/** The matrix the editor starts from: the custom one in force, else the structured one. */
function initialCells(p: Params): string[] {
  const { k } = p;
  if (p.geom === 'gram' && p.gram.length === k * k) return p.gram.map(String);
  const off = p.geom === 'orth' ? 0 : p.beta;
  return Array.from({ length: k * k }, (_, i) => (Math.floor(i / k) === i % k ? '1' : String(off)));
}

/** What the run uses now, for "still using …". */
function geometryText(p: Params): string {
  if (p.geom === 'gram') return 'the custom Gram matrix applied before';
  if (p.geom === 'orth') return 'orthogonal index vectors';
  return `equiangular geometry with β = ${p.beta}`;
}

// the codec's notion of a number: no empty strings, no "1 2", no Infinity
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

type Parsed = { ok: true; values: number[] } | { ok: false; error: string; cell: number };

function parseCells(cells: readonly string[], k: number): Parsed {
  const values = new Array<number>(k * k);
  for (let i = 0; i < k * k; i++) {
    const text = cells[i].trim();
    const at = `entry (${Math.floor(i / k) + 1},${(i % k) + 1})`;
    if (text === '') return { ok: false, error: `${at} is empty`, cell: i };
    if (!NUMBER.test(text)) return { ok: false, error: `${at} "${text.slice(0, 20)}" is not a number`, cell: i };
    const x = Number(text);
    if (!Number.isFinite(x)) return { ok: false, error: `${at} "${text.slice(0, 20)}" is not a finite number`, cell: i };
    values[i] = x;
  }
  return { ok: true, values };
}

/** The cell an error names as "(i,j)" (the core's messages use that form), if any. */
function cellOf(error: string, k: number): number {
  const m = /\((\d+),(\d+)\)/.exec(error);
  return m ? (Number(m[1]) - 1) * k + Number(m[2]) - 1 : -1;
}

interface Outcome {
  error: string | null;
  /** the cell to mark invalid, and its mirror */
  cell: number;
  /** the parameters' source key right after a successful apply, and what to say about it */
  applied: string | null;
  status: string;
}

const NOTHING: Outcome = { error: null, cell: -1, applied: null, status: '' };

const sourceKey = (p: Params) => `${p.k}|${p.geom}|${p.beta}|${p.gram.join(',')}`;

export function GramField() {
  const id = useId();
  const params = useApp((s) => s.params);
  const { k } = params;
  const source = sourceKey(params);
  const [seen, setSeen] = useState(source);
  const [cells, setCells] = useState(() => initialCells(params));
  const [outcome, setOutcome] = useState<Outcome>(NOTHING);
  // the parameters changed under the editor (k, β, a link, or our own apply): start from them
  if (seen !== source) {
    setSeen(source);
    setCells(initialCells(params));
    if (outcome.applied !== source) setOutcome(NOTHING);
  }

  const edit = (i: number, j: number, text: string) => {
    const next = [...cells];
    next[i * k + j] = text;
    next[j * k + i] = text;
    setCells(next);
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const state = getAppStore().getState();
    const still = `nothing applied; still using ${geometryText(state.params)}`;
    const parsed = parseCells(cells, k);
    if (!parsed.ok) {
      setOutcome({ ...NOTHING, error: `${parsed.error} — ${still}`, cell: parsed.cell });
      return;
    }
    const geometry = customGeometry(parsed.values, k);
    if (!geometry.ok) {
      setOutcome({ ...NOTHING, error: `${geometry.error} — ${still}`, cell: cellOf(geometry.error, k) });
      return;
    }
    state.setParams({ geom: 'gram', gram: parsed.values });
    const after = getAppStore().getState().params;
    if (after.geom !== 'gram') {
      setOutcome({ ...NOTHING, error: `the matrix was not accepted (see the notice above) — using ${geometryText(after)}` });
      return;
    }
    const rank = geometry.value.rank;
    const dependent = rank < k ? ' (the index vectors are linearly dependent)' : '';
    setOutcome({ ...NOTHING, applied: sourceKey(after), status: `Applied: custom Gram matrix of rank ${rank}${dependent}.` });
  };

  const titleId = `${id}-title`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = (i: number, j: number) => outcome.error !== null && (outcome.cell === i * k + j || outcome.cell === j * k + i);
  const rows = Array.from({ length: k }, (_, i) => i);
  return (
    <form className="gram-field" aria-labelledby={titleId} onSubmit={apply} noValidate>
      <p id={titleId} className="field-label">Gram matrix G = VᵀV (overlaps v_i·v_j)</p>
      <p id={hintId} className="field-hint">
        Diagonal fixed at 1; editing (i,j) also sets (j,i). Entries in [−1, 1], G positive semidefinite. Enter or Apply.
      </p>
      <div className="gram-scroll">
        <table className="gram-grid">
          <thead>
            <tr>
              <td />
              {rows.map((j) => (
                <th key={j} scope="col">v{j + 1}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i}>
                <th scope="row">v{i + 1}</th>
                {rows.map((j) => (
                  <td key={j}>
                    <input
                      type="text"
                      inputMode="decimal"
                      name={`gram-${i + 1}-${j + 1}`}
                      aria-label={`G(${i + 1},${j + 1}), overlap of v${i + 1} and v${j + 1}${i === j ? ', fixed at 1' : ''}`}
                      value={cells[i * k + j]}
                      readOnly={i === j}
                      tabIndex={i === j ? -1 : undefined}
                      className={i === j ? 'gram-cell gram-diagonal' : 'gram-cell'}
                      autoComplete="off"
                      spellCheck={false}
                      aria-invalid={invalid(i, j) ? true : undefined}
                      aria-describedby={invalid(i, j) ? errorId : undefined}
                      onChange={i === j ? undefined : (e) => edit(i, j, e.currentTarget.value)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="gram-actions">
        <button type="submit" name="gram-apply" aria-describedby={outcome.error ? errorId : undefined}>
          Apply
        </button>
        <span className="field-ok" role="status" data-testid="gram-status">{outcome.status}</span>
      </div>
      <p id={errorId} className="field-error" role="alert" data-testid="gram-error">
        {outcome.error}
      </p>
    </form>
  );
}
