import { useEffect, useState } from 'react';
import { WifiOff } from 'lucide-react';
import { useApp } from '../../stores/app-store';

/** Says so when live updates stop (the event stream dropped); silent while all is well. */
export function StreamIndicator() {
  const stream = useApp((s) => s.stream);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    // The first connection takes a moment; only mention it if it takes long.
    const t = setTimeout(() => setSlow(true), 4000);
    return () => clearTimeout(t);
  }, []);
  if (stream === 'connected' || (stream === 'connecting' && !slow)) return null;
  return (
    <span className="stream-indicator" role="status" title="Live updates paused. Condo Sync keeps working; this screen catches up when it reconnects.">
      <WifiOff aria-hidden="true" size={14} />
      Reconnecting…
    </span>
  );
}
