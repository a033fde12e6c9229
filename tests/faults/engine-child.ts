// The engine alone, as a child process the kill -9 tests can kill at any
// instant: the core (SQLite, job runner, both clients, the change-feed
// watchers) against the sandboxes given on the command line, without the
// host's HTTP server, so a restart costs well under a second.
//   node engine-child.mjs <dataDir> <cmUrl> <ccUrl> <migrationsDir> [first]
// (kill.test.ts bundles this file with esbuild first: plain JS starts in a
// fraction of the time tsx needs.)
// With `first` it queues the first resident sync; afterwards every start
// resumes what the last one left, as the console does after a crash.
import { createCore } from '../../electron/core/core';
import { silentLogger } from '../../electron/core/log';

const [dataDir, cmUrl, ccUrl, migrationsDir, first] = process.argv.slice(2);
const core = createCore({
  dataDir: dataDir!,
  migrationsDir: migrationsDir!,
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
  // Four requests in flight at most, so a kill counted in requests lands within a few of where it was meant to.
  systemsPolicy: { rate: { condoManagerPerSec: 300, condoControlPerSec: 300, concurrency: 4 }, policy: { timeoutMs: 3_000, backoffBaseMs: 5, backoffCapMs: 50 } },
});
void core.start().then(async () => {
  if (first === 'first') await core.runner.enqueue({ kind: 'residents', trigger: 'initial', dryRun: false });
  process.stdout.write('ready\n');
});
// Until killed (or told to stop).
process.on('SIGTERM', () => void core.stop().then(() => process.exit(0)));
