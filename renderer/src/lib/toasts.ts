/** One toast queue for the whole console (React Aria's ToastQueue). */
import { UNSTABLE_ToastQueue as ToastQueue } from 'react-aria-components';

export interface ToastContent {
  level: 'info' | 'success' | 'warning' | 'error';
  title: string;
  body?: string;
  action?: { label: string; href: string };
}

export const toastQueue = new ToastQueue<ToastContent>({ maxVisibleToasts: 4 });

export function toast(content: ToastContent, timeout = content.level === 'error' || content.level === 'warning' ? 10_000 : 6_000): string {
  return toastQueue.add(content, { timeout });
}
