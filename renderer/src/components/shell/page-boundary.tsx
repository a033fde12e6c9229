/**
 * Keeps the frame (header, navigation) when a page cannot be shown. Each page's
 * code is its own chunk, fetched when first opened: with the server gone
 * (stopped, killed, restarting) that fetch fails, and without a boundary React
 * unmounts the whole console, leaving a blank window that says nothing.
 */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../notice';

/** A page chunk that could not be fetched (Chromium, Firefox and Safari word it differently). */
function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(message);
}

function PageFailed({ unreachable }: { unreachable: boolean }) {
  const { t } = useTranslation();
  return (
    <Notice
      tone="error"
      title={t('shell.pageFailed.title')}
      action={
        <button type="button" className="btn btn-small" onClick={() => window.location.reload()}>
          {t('shell.pageFailed.reload')}
        </button>
      }
    >
      {unreachable ? t('shell.pageFailed.unreachable') : t('shell.pageFailed.other')}
    </Notice>
  );
}

export class PageBoundary extends Component<{ children: ReactNode }, { error?: unknown }> {
  override state: { error?: unknown } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return <PageFailed unreachable={isChunkLoadError(this.state.error)} />;
  }
}
