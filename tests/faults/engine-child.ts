// The engine alone, as a child process the kill -9 tests can kill at any
// instant: the core (SQLite, job runner, both clients, the change-feed
// watchers) against the sandboxes given on the command line, without the
// host's HTTP server, so a restart costs well under a second.
//   node --import tsx tests/faults/engine-child.ts <dataDir> <cmUrl> <ccUrl> [first]
// With `first` it queues the first resident sync; afterwards every start
// resumes what the last one left, as the console does after a crash.
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';

const [dataDir, cmUrl, ccUrl, first] = process.argv.slice(2);
const core = createCore({
  dataDir: dataDir!,
  adapter: 'http',
  logger: silentLogger,
  systems: {
    mode: 'live',
    condoManager: { url: cmUrl!, clientId: 'demo', clientSecret: 'demo-secret' },
    condoControl: { url: ccUrl!, username: 'demo', password: 'demo-password' },
  },
  initialSync: false,
  scheduler: false,
  realtime: { waitSec: 2, backoff: { baseMs: 50, capMs: 400 } },
  // Paced so that a kill counted in requests lands where it was meant to.
  systemsPolicy: { rate: { condoManagerPerSec: 150, condoControlPerSec: 150, concurrency: 16 }, policy: { timeoutMs: 3_000, backoffBaseMs: 5, backoffCapMs: 50 } },
});
await core.start();
if (first === 'first') core.runner.enqueue({ kind: 'residents', trigger: 'initial', dryRun: false });
process.stdout.write('ready\n');
// Until killed (or told to stop).
process.on('SIGTERM', () => void core.stop().then(() => process.exit(0)));
