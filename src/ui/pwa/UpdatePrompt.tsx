/// <reference types="vite-plugin-pwa/react" />
// The service worker's news for the user: "ready to work offline" (a badge) once every file is cached,
// and "a new version is ready" when a new build is waiting. The new build takes over only when
// the user asks (a reload), so a running page never mixes files of two versions. In the dev
// server the hook is a no-op (no service worker there).
import { useState } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { useApp } from '../../state/store.ts';
import './pwa.css';

/** A page left open for a lecture still learns of a deployment made meanwhile. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function UpdatePrompt() {
  const embed = useApp((s) => s.params.embed);
  const [unavailable, setUnavailable] = useState(false);
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => void registration.update().catch(() => {}), UPDATE_CHECK_MS);
    },
    // e.g. a private window that refuses service workers: the app still runs, just not offline
    onRegisterError: () => setUnavailable(true),
  });

  if (needRefresh) {
    return (
      <div className="pwa-toast" role="alert" data-testid="pwa-update">
        <span>A new version of Flowsphere is ready.</span>
        <button type="button" onClick={() => void updateServiceWorker(true)}>Reload</button>
        <button type="button" onClick={() => setNeedRefresh(false)}>Later</button>
      </div>
    );
  }
  if (offlineReady && !embed) {
    return (
      // a quiet badge in the page's top corner, not a toast: nothing of the demo is covered
      <p className="pwa-badge" role="status" data-testid="pwa-offline-ready">
        <span>Ready to work offline</span>
        <button type="button" onClick={() => setOfflineReady(false)} aria-label="Dismiss">×</button>
      </p>
    );
  }
  return <span hidden data-testid="pwa-state" data-unavailable={unavailable ? '1' : '0'} />;
}
