import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startRunner } from './sim/runner.ts';
import { getAppStore } from './state/store.ts';
import { startUrlSync } from './url/location.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

startRunner(getAppStore());
startUrlSync(getAppStore());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
