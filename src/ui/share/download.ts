// Browser side of sharing: saving a file through a temporary object URL, and the clipboard
// (which headless or embedded pages may refuse: callers then show the text instead).

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has started by now; keep the URL a little longer for slow browsers
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(text: string, filename: string, type: string): void {
  downloadBlob(new Blob([text], { type }), filename);
}

/** PNG of a canvas (WebGL canvases need preserveDrawingBuffer to still hold the frame). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => {
    try {
      canvas.toBlob((b) => resolve(b), 'image/png');
    } catch {
      resolve(null);
    }
  });
}

/** true when the text reached the clipboard; false when it is unavailable or refused. */
export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) return false;
  // a permission prompt that never resolves counts as a refusal
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1500));
  const write = navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
  return Promise.race([write, timeout]);
}
