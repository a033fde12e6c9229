import { absoluteDate, relativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "2 min ago", with the absolute date on hover. */
export function RelativeTime({ iso, fallback = '—', short = false }: { iso: string | undefined; fallback?: string; short?: boolean }) {
  const now = useNow();
  if (!iso) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={absoluteDate(iso)}>
      {relativeTime(iso, Math.max(now, Date.now() - 1000), short)}
    </time>
  );
}
