/** Calm, honest messages in the page: what happened, what to do, whether anything was lost. */
import type { ReactNode } from 'react';
import { AlertTriangle, Info, XCircle, CheckCircle2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { explain, isUnauthorized } from '../lib/errors';
import { useAccess } from '../lib/use-access';

type Tone = 'info' | 'warning' | 'error' | 'success';

const icons = { info: Info, warning: AlertTriangle, error: XCircle, success: CheckCircle2 };

export function Notice({ tone = 'info', title, children, action }: { tone?: Tone; title: ReactNode; children?: ReactNode; action?: ReactNode }) {
  const Icon = icons[tone];
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <Icon aria-hidden="true" size={18} className="notice-icon" />
      <div className="notice-text">
        <p className="notice-title">{title}</p>
        {children ? <div className="notice-body">{children}</div> : null}
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

/** Shows a failed call the way the UX brief asks; `what` names the feature ("The User section"). */
export function ErrorNotice({ error, what, onRetry }: { error: unknown; what?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const access = useAccess();
  // A refused token is said once, above the page (AccessNotice), not once per card.
  if (access !== 'ok' && isUnauthorized(error)) return null;
  const e = explain(error, what);
  return (
    <Notice
      tone={e.notYet ? 'info' : 'error'}
      title={e.title}
      action={
        onRetry && !e.notYet ? (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            {t('common.action.retry')}
          </button>
        ) : undefined
      }
    >
      {e.body}
    </Notice>
  );
}
