import { absoluteDate, relativeTime } from '../lib/format';
import { useNow } from '../lib/use-now';

/** "2 min ago", with the absolute date on hover. */
export function RelativeTime({ iso, fallback = '—', short = false, capitalize = false }: { iso: string | undefined; fallback?: string; short?: boolean; capitalize?: boolean }) {
  const now = useNow();
  if (!iso) return <span className="muted">{fallback}</span>;
  return (
    <time dateTime={iso} title={absoluteDate(iso)}>
      {capitalize ? relativeTime(iso, Math.max(now, Date.now() - 1000), short).replace(/^./, (c) => c.toLocaleUpperCase()) : relativeTime(iso, Math.max(now, Date.now() - 1000), short)}
    </time>
  );
}
