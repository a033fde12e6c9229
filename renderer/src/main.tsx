import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './app';
import './styles/base.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/fields.css';
import './styles/overlays.css';
import './styles/tables.css';
import './styles/cards.css';
import './styles/pages.css';
import './styles/views.css';
import './styles/access.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
