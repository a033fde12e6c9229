import { useEffect, useState } from 'react';
import { WifiOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../lib/use-access';
import { useApp } from '../../stores/app-store';

/** Says so when live updates stop (the event stream dropped); silent while all is well. */
export function StreamIndicator() {
  const stream = useApp((s) => s.stream);
  const serverDown = useApp((s) => s.serverDown);
  const { t } = useTranslation();
  const access = useAccess();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    // The first connection takes a moment; only mention it if it takes long.
    const t = setTimeout(() => setSlow(true), 4000);
    return () => clearTimeout(t);
  }, []);
  // Engine gone: the banner says so, and the status pill; this hint would claim it keeps working.
  if (serverDown || access !== 'ok' || stream === 'connected' || (stream === 'connecting' && !slow)) return null;
  return (
    <span className="stream-indicator" role="status" title={t('shell.stream.hint')}>
      <WifiOff aria-hidden="true" size={14} />
      {t('shell.stream.reconnecting')}
    </span>
  );
}
