import { Button, UNSTABLE_Toast as Toast, UNSTABLE_ToastContent as ToastContent, UNSTABLE_ToastRegion as ToastRegion, Text } from 'react-aria-components';
import { AlertTriangle, CheckCircle2, Info, X, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toastQueue } from '../lib/toasts';

const icons = { info: Info, success: CheckCircle2, warning: AlertTriangle, error: XCircle };

export function Toasts() {
  const { t } = useTranslation();
  return (
    <ToastRegion queue={toastQueue} className="toast-region" aria-label={t('shell.toasts.region')}>
      {({ toast }) => {
        const Icon = icons[toast.content.level];
        return (
          <Toast toast={toast} className={`toast toast-${toast.content.level}`}>
            <Icon aria-hidden="true" size={18} className="toast-icon" />
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
            <Button slot="close" className="icon-btn" aria-label={t('common.action.dismiss')}>
              <X aria-hidden="true" size={16} />
            </Button>
          </Toast>
        );
      }}
    </ToastRegion>
  );
}
