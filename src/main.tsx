import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startRunner } from './app/runner.ts';
import { startCompareRunner } from './app/compareRunner.ts';
import { initAppStore } from './state/store.ts';
import { addressBarQuery, startUrlSync } from './app/location.ts';
import { App } from './ui/App.tsx';
import './ui/app.css';

const store = initAppStore(addressBarQuery());
startRunner(store);
startCompareRunner(store);
startUrlSync(store);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
