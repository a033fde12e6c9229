/**
 * The browser console's word when its engine is gone: the live stream dropped
 * and the host's health check does not answer (the server was stopped, killed
 * or is restarting). Says so above the page and dates what is on screen (the
 * page is dimmed), so a progress bar or "Real time: live" read before the drop
 * is never taken for the state now. The desktop attached to an office server
 * has its own banner (OfficeBanner).
 */
import { useEffect } from 'react';
import { ServerOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../bridge';
import { absoluteDate } from '../../lib/format';
import { useApp } from '../../stores/app-store';

/** How long the stream may be down before the host is asked whether it is there at all, in ms. */
const GRACE_MS = 3_000;
const PROBE_EVERY_MS = 3_000;

/** Whether the host answers at all (/api/health needs no token). */
async function hostAnswers(): Promise<boolean> {
  try {
    const res = await fetch('/api/health', { cache: 'no-store', signal: AbortSignal.timeout(2_500) });
    return res.status < 500 || res.status === 503; // 503 is "starting": the host is there
  } catch {
    return false;
  }
}

/** Probes the host while the live stream is down; sets `serverDown` from the answer. */
export function useServerWatch(): void {
  const stream = useApp((s) => s.stream);
  useEffect(() => {
    // Also while the first connection has not come up: the engine may have died right after the page loaded.
    if (bridge.kind !== 'http' || stream === 'connected') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const probe = async () => {
      const up = await hostAnswers();
      if (stopped) return;
      useApp.getState().setServerDown(!up);
      timer = setTimeout(() => void probe(), PROBE_EVERY_MS);
    };
    timer = setTimeout(() => void probe(), GRACE_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [stream]);
}

export function ServerBanner() {
  const { t } = useTranslation();
  const down = useApp((s) => s.serverDown);
  const since = useApp((s) => s.streamLostAt);
  if (!down) return null;
  return (
    <div className="office-banner" id="office-banner" role="alert">
      <ServerOff aria-hidden="true" size={18} />
      <div>
        <p className="notice-title">{t('shell.server.banner')}</p>
        <p className="notice-body">{since ? t('office.banner.staleSince', { time: absoluteDate(since) }) : t('office.banner.staleNever')}</p>
      </div>
    </div>
  );
}
