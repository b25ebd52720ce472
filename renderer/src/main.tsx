import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { pickHost } from './host/pickHost.ts';
import { setHost } from './host/hostRef.ts';
import './styles.css';

setHost(pickHost());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
