// A TCP proxy in front of PostgreSQL for one engine, so a test can cut that
// engine's database connections, and only its, the way a pulled cable or a
// stalled network does: cut() black-holes every byte both ways (connections
// stay open, nothing answers, no error reaches the engine), and new
// connections are accepted and left hanging; heal() drops every connection
// that saw the cut (their state is lost) and forwards new ones again.
import net from 'node:net';

export interface CutProxy {
  /** The URL to give the engine instead of the database's own. */
  url: string;
  cut(): void;
  heal(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port for the host and port of `databaseUrl`. */
export async function startCutProxy(databaseUrl: string): Promise<CutProxy> {
  const target = new URL(databaseUrl);
  let cut = false;
  /** Pairs alive now; each knows whether it saw a cut. */
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket; sawCut: boolean }>();
  const server = net.createServer((client) => {
    const pair: { client: net.Socket; upstream?: net.Socket; sawCut: boolean } = { client, sawCut: cut };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      pair.upstream?.destroy();
    };
    client.on('error', drop).on('close', drop);
    if (cut) return; // accepted, never answered, until heal() drops it
    const upstream = net.connect(Number(target.port), target.hostname);
    pair.upstream = upstream;
    upstream.on('error', drop).on('close', drop);
    // Bytes are forwarded one by one, unless the line is cut: then they fall into the void.
    client.on('data', (b) => void (cut ? undefined : upstream.write(b)));
    upstream.on('data', (b) => void (cut ? undefined : client.write(b)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut() {
      cut = true;
      for (const p of pairs) p.sawCut = true;
    },
    heal() {
      cut = false;
      for (const p of [...pairs]) {
        if (!p.sawCut) continue;
        pairs.delete(p);
        p.client.destroy();
        p.upstream?.destroy();
      }
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
