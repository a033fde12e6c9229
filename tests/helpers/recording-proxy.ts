// An HTTP proxy in front of a sandbox that notes every request with the
// process that sent it, so a test of several engines sharing one connection
// (one URL: the engines must agree it is the same Condo Control) can tell
// which engine wrote what, and when. The sender is the owner of the client
// socket, looked up once per connection with `ss` (Linux, iproute2).
import { execFile } from 'node:child_process';
import http from 'node:http';
import type net from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RecordedRequest {
  /** The sending process's pid (0 when it could not be told). */
  pid: number;
  /** As the sandbox's stats name routes: `PUT /api/v1/...`, with the path as sent. */
  method: string;
  path: string;
  /** Date.now() when the request arrived, and when its answer ended (or it was dropped). */
  at: number;
  endedAt?: number;
  status?: number;
}

export interface RecordingProxy {
  url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The pid owning the loopback client socket whose local port is `port`. */
async function ownerOf(port: number): Promise<number> {
  try {
    const { stdout } = await run('ss', ['-Htnp', 'state', 'established', `( sport = :${port} )`]);
    return Number(/pid=(\d+)/.exec(stdout)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export async function startRecordingProxy(targetUrl: string): Promise<RecordingProxy> {
  const target = new URL(targetUrl);
  const requests: RecordedRequest[] = [];
  const owners = new WeakMap<net.Socket, Promise<number>>();
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const socket = req.socket;
    let owner = owners.get(socket);
    if (!owner) owners.set(socket, (owner = ownerOf(socket.remotePort!)));
    const rec: RecordedRequest = { pid: 0, method: req.method!, path: req.url!, at: Date.now() };
    requests.push(rec);
    void owner.then((pid) => (rec.pid = pid));
    const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent }, (answer) => {
      rec.status = answer.statusCode;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => {
      rec.endedAt = Date.now();
      // The engine gave up (an abort): the sandbox may still get what was sent, and the time says so.
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  });
  server.on('connection', (socket) => owners.set(socket, ownerOf(socket.remotePort!)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    async close() {
      server.closeAllConnections();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
