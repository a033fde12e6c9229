import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../electron/core/log';
import { tempDir } from '../helpers/temp-dir';

const tick = () => new Promise((r) => setImmediate(r));

describe('the log', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('writes one JSON object a line, with personal data and secrets redacted at any depth', async () => {
    const logs = join(dir.path, 'a');
    const log = createLogger({ dir: logs });
    log.info('pushed Scott', {
      jobId: 'j1',
      person: { id: 'p1', firstName: 'Scott', lastName: 'Mills', email: 'scott.mills@example.com', phones: [{ type: 'mobile', number: '416-555-0142' }] },
      nested: { deeper: { still: { password: 'hunter2', clientSecret: 's3cret', authorization: 'Bearer abc' } } },
      params: { email: 'x@y.ca', q: 'Mills' },
      note: `wrote to ${'zoé.o’brien@exemple.québec'.normalize('NFD')} and (514) 555-0199 at 2026-11-30T02:00:00Z`,
    });
    await log.close();
    const [file] = readdirSync(logs);
    const line = JSON.parse(readFileSync(join(logs, file!), 'utf8').trim());
    expect(line).toMatchObject({
      level: 'info',
      msg: 'pushed Scott', // a name in a message is the caller's mistake; the support bundle scrubs it
      jobId: 'j1',
      person: { id: 'p1', firstName: '[redacted]', lastName: '[redacted]', email: '[redacted]', phones: '[redacted]' },
      nested: { deeper: { still: { password: '[redacted]', clientSecret: '[redacted]', authorization: '[redacted]' } } },
      params: { email: '[redacted]', q: '[redacted]' },
      note: 'wrote to [email] and [phone] at 2026-11-30T02:00:00Z',
    });
    expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('rolls by size and keeps a set number of files, 0600 in a 0700 folder', async () => {
    const logs = join(dir.path, 'b');
    const log = createLogger({ dir: logs, maxFileBytes: 2048, keepFiles: 2 });
    for (let i = 0; i < 150; i++) {
      log.info('a line long enough to fill files quickly', { i, pad: 'x'.repeat(40) });
      await tick();
    }
    await log.close();
    const files = readdirSync(logs).sort();
    expect(files.length).toBe(3);
    for (const f of files) {
      expect(f).toMatch(/^condo-sync\.\d+\.log$/);
      expect(statSync(join(logs, f)).mode & 0o777).toBe(0o600);
      expect(statSync(join(logs, f)).size).toBeLessThan(2048 + 400);
    }
    expect(statSync(logs).mode & 0o777).toBe(0o700);
    const last = readFileSync(join(logs, files.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).at(-1)!), 'utf8');
    expect(last).toContain('"i":149');
  });

  it('masks phones, not dates, times, counts or ids', () => {
    for (const p of ['416-555-0142', '(514) 555 0199', '+1 416.555.0142', '4165550142', '+44 20 7946 0958']) expect(redact(`call ${p}.`)).toBe('call [phone].');
    for (const s of ['2026-11-30', '2026-11-30T02:00:00.000Z', '1764510000000', 'unit 1204', '1,234,567', 'corp_000123']) expect(redact(s)).toBe(s);
  });
});
