import { Button, UNSTABLE_Toast as Toast, UNSTABLE_ToastContent as ToastContent, UNSTABLE_ToastRegion as ToastRegion, Text } from 'react-aria-components';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { AlertTriangle, CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toastQueue } from '../lib/toasts';

const icons = { info: Info, success: CheckCircle2, warning: AlertTriangle, error: XCircle };

/**
 * While toasts show, the page gets room at its bottom as tall as they are, so
 * scrolling down always brings the last row and the pager out from under them.
 */
function useReserveSpace(region: React.RefObject<HTMLDivElement | null>, shown: number) {
  useEffect(() => {
    const el = region.current;
    const root = document.documentElement;
    if (!el || !shown) {
      root.style.removeProperty('--toast-space');
      return;
    }
    const update = () => root.style.setProperty('--toast-space', `${Math.ceil(el.getBoundingClientRect().height) + 28}px`);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [region, shown]);
}

/**
 * F6 moves between the page and the toasts (React Aria's landmark keys), and
 * Escape closes the toast that has focus, then returns focus to the page.
 */
export function Toasts() {
  const { t } = useTranslation();
  const region = useRef<HTMLDivElement>(null);
  const shown = useSyncExternalStore(
    (fn) => toastQueue.subscribe(fn),
    () => toastQueue.visibleToasts.length,
  );
  useReserveSpace(region, shown);
  useEffect(() => {
    let before: HTMLElement | null = null;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F6' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        const inside = !!region.current?.contains(document.activeElement);
        const first = region.current?.querySelector<HTMLElement>('.toast');
        if (!inside && !first) return; // no toasts: F6 keeps its usual meaning
        e.preventDefault();
        e.stopPropagation();
        if (inside) (before?.isConnected ? before : document.getElementById('main'))?.focus();
        else {
          before = document.activeElement as HTMLElement | null;
          if (first && !first.hasAttribute('tabindex')) first.tabIndex = -1;
          first?.focus();
        }
        return;
      }
      if (e.key !== 'Escape') return;
      const toastEl = (document.activeElement as HTMLElement | null)?.closest('.toast');
      if (!toastEl || !region.current?.contains(toastEl)) return;
      e.preventDefault();
      const key = toastEl.querySelector<HTMLElement>('[data-toast-key]')?.dataset.toastKey;
      if (key) toastQueue.close(key);
      (before?.isConnected ? before : document.getElementById('main'))?.focus();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <ToastRegion ref={region} queue={toastQueue} className="toast-region" aria-label={t('shell.toasts.region')}>
      {({ toast }) => {
        const Icon = icons[toast.content.level];
        return (
          <Toast toast={toast} className={`toast toast-${toast.content.level}`}>
            <Icon aria-hidden="true" size={18} className="toast-icon" />
            <span hidden data-toast-key={toast.key} />
            <ToastContent className="toast-content">
              <Text slot="title" className="toast-title">
                {toast.content.title}
                {toast.content.action ? (
                  <>
                    {' · '}
                    <a href={toast.content.action.href} onClick={() => toastQueue.close(toast.key)}>
                      {toast.content.action.label}
                    </a>
                  </>
                ) : null}
              </Text>
              {toast.content.body ? (
                <Text slot="description" className="toast-body">
                  {toast.content.body}
                </Text>
              ) : null}
            </ToastContent>
            <Button slot="close" className="icon-btn toast-close" aria-label={t('common.action.dismiss')}>
              <X aria-hidden="true" size={16} />
            </Button>
          </Toast>
        );
      }}
    </ToastRegion>
  );
}
