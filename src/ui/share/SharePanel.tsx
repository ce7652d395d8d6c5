// Copy link / embed code, export (Save image: the view with labels, key, time and counts; CSV and JSON of the neurons, the
// configuration) and import of a configuration (file picker or drop on the page).
// Everything shown here is React text: links and file contents are never markup.
import { useCallback, useRef, useState } from 'react';
import { frameData, TRACED_NEURONS } from '../../state/frameData.ts';
import { getAppStore } from '../../state/store.ts';
import { encode } from '../../url/codec.ts';
import { permalink, shareLink } from '../../app/location.ts';
import { MAX_SERVER_URL } from '../../url/serverLimit.ts';
import type { Params } from '../../url/schema.ts';
import { canvasPng, copyText, downloadBlob, downloadText } from './download.ts';
import { configJson, countsCsv, historyCsv, overlapsCsv, trajectoriesJson, type FrameSnapshot } from './exportFormats.ts';
import { importConfigFile } from './importConfig.ts';
import { IMAGE_SIZES, saveImageAt, type ImageSize } from './saveImage.ts';
import { useFileDrop } from './useFileDrop.ts';
import './share.css';

function snapshot(): FrameSnapshot | null {
  if (!frameData.info || frameData.n === 0) return null;
  return {
    t: frameData.t,
    n: frameData.n,
    k: frameData.k,
    overlaps: frameData.overlaps,
    codes: frameData.codes,
    length: frameData.length,
    times: frameData.times,
    losses: frameData.losses,
    traces: frameData.traces,
    tracedNeurons: TRACED_NEURONS,
    tracedStride: TRACED_NEURONS * frameData.k,
  };
}

/** e.g. flowsphere-k3-beta0.2-n200-seed7 */
function baseName(p: Params): string {
  const geometry = p.geom === 'equi' ? `beta${p.beta}` : p.geom;
  return `flowsphere-k${p.k}-${geometry}-n${p.n}-seed${p.seed}`;
}

const timeTag = (t: number) => `t${Number(t.toPrecision(4))}`;

function embedCode(p: Params): string {
  return `<iframe src="${permalink({ ...p, embed: true, tour: 0 } as Params)}" width="640" height="600" style="border:0" title="Flowsphere" loading="lazy" allow="fullscreen"></iframe>`;
}

export function SharePanel() {
  const [status, setStatus] = useState('');
  const [shown, setShown] = useState<{ label: string; text: string } | null>(null);
  const [imageSize, setImageSize] = useState<ImageSize>('screen');
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  const onFile = useCallback((file: File) => {
    void importConfigFile(file).then(setStatus);
  }, []);
  const dragging = useFileDrop(onFile);

  const copy = async (label: string, text: string, note = '') => {
    if (await copyText(text)) {
      setShown(null);
      setStatus(`${label} copied${note}`);
    } else {
      setShown({ label, text });
      setStatus(`The clipboard is not available here: copy the ${label.toLowerCase()} from the field below${note}`);
      requestAnimationFrame(() => fieldRef.current?.select());
    }
  };

  const params = () => getAppStore().getState().params;

  const copyLink = () => {
    const { url, hashForm } = shareLink();
    // a query this long could meet a server's error page: the #… form never reaches the server
    const note = hashForm ? ` in its #… form: as a query (${url.length} characters, over ${MAX_SERVER_URL}) it is too long for some hosts` : '';
    void copy('Link', url, note);
  };

  const withFrame = (what: string, save: (s: FrameSnapshot, p: Params) => void) => () => {
    const s = snapshot();
    if (!s) return setStatus(`No frame yet: nothing to export as ${what}`);
    save(s, params());
    setStatus(`Saved ${what} at t = ${Number(s.t.toPrecision(4))}`);
  };

  const exportPng = async () => {
    const st = getAppStore().getState();
    const facts = { params: st.params, t: frameData.t, tEnd: st.info?.tEnd ?? null, counts: st.readout.counts, k: st.info?.spec.k ?? 0 };
    const image = await saveImageAt(imageSize, facts);
    const blob = image ? await canvasPng(image.canvas) : null;
    if (!image || !blob) return setStatus('The 3-D view is not drawn (yet): no image to save');
    downloadBlob(blob, `${baseName(params())}-${timeTag(facts.t)}.png`);
    setStatus(`Saved the view with its labels, key, time and counts as a ${image.canvas.width} × ${image.canvas.height} PNG${image.note}`);
  };

  return (
    <fieldset className="controls share">
      <legend>Share &amp; export</legend>
      <div className="buttons">
        <button type="button" name="copylink" onClick={copyLink}>Copy link</button>
        <button type="button" name="copyembed" onClick={() => void copy('Embed code', embedCode(params()))}>Copy embed code</button>
      </div>
      {shown && (
        <label className="share-fallback">
          {shown.label}
          <textarea ref={fieldRef} name="sharetext" data-testid="share-link" readOnly rows={3} value={shown.text} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      <div className="buttons" role="group" aria-label="Export">
        <button type="button" name="exportpng" onClick={() => void exportPng()}>Save image</button>
        <label className="image-size">
          size
          <select name="imagesize" value={imageSize} onChange={(e) => setImageSize(e.currentTarget.value as ImageSize)}>
            {IMAGE_SIZES.map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
          </select>
        </label>
        <button type="button" name="exportcsv" onClick={withFrame('neuron overlaps (CSV)', (s, p) => downloadText(overlapsCsv(s), `${baseName(p)}-${timeTag(s.t)}-overlaps.csv`, 'text/csv'))}>
          Overlaps CSV
        </button>
        <button type="button" name="exporthistory" onClick={withFrame('history (CSV)', (s, p) => downloadText(historyCsv(s), `${baseName(p)}-history.csv`, 'text/csv'))}>
          History CSV
        </button>
        <button
          type="button"
          name="exportcounts"
          onClick={() => {
            const counts = getAppStore().getState().readout.counts;
            if (!counts) return setStatus('No frame yet: no outcome counts to export');
            downloadText(countsCsv(counts), `${baseName(params())}-${timeTag(frameData.t)}-counts.csv`, 'text/csv');
            setStatus('Saved the outcome counts (CSV)');
          }}
        >
          Counts CSV
        </button>
        <button
          type="button"
          name="exportjson"
          onClick={withFrame('trajectories (JSON)', (s, p) =>
            downloadText(trajectoriesJson(s, encode(p), p, getAppStore().getState().readout.counts), `${baseName(p)}-${timeTag(s.t)}.json`, 'application/json'),
          )}
        >
          Data JSON
        </button>
        <button
          type="button"
          name="exportconfig"
          onClick={() => {
            const p = params();
            downloadText(configJson(encode(p), p), `${baseName(p)}-config.json`, 'application/json');
            setStatus('Saved the configuration (JSON)');
          }}
        >
          Config JSON
        </button>
      </div>
      <label className="share-import">
        Import a configuration (or drop it on the page)
        <input
          type="file"
          name="importconfig"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onFile(file);
          }}
        />
      </label>
      <p className="share-status" data-testid="share-status" aria-live="polite">{status}</p>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a Flowsphere configuration file to load it
        </div>
      )}
    </fieldset>
  );
}
