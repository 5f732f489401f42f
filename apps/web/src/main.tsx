// Theme, CLDR and i18n assets bundled locally: without this import UI5 would fetch them from its CDN.
import '@ui5/webcomponents-react/dist/Assets.js';
import './ui5-fonts.css';
import './config/illustrations';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from './app/provider';
import { AppRouter } from './app/router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);
