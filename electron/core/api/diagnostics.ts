import type { Handlers } from '@shared/contract';
import type { CoreContext } from '../context';
import { connectionSummary } from '../diagnostics/collect';
import { writeDiagnostics } from '../diagnostics/export';

/** Settings → About → "Export diagnostics", and `condo-sync diagnostics`. */
export function diagnosticsHandlers(ctx: CoreContext): Pick<Handlers, 'diagnostics.export'> {
  return {
    'diagnostics.export': async () => {
      // Everything logged so far belongs in the bundle.
      await ctx.log.flush?.();
      let secrets;
      try {
        secrets = ctx.secrets.get();
      } catch {
        secrets = undefined; // an unreadable secrets file is itself worth a bundle
      }
      const file = await writeDiagnostics({
        dataDir: ctx.info.dataDir,
        db: ctx.repos.db,
        settings: ctx.settings,
        about: { version: ctx.info.version, mode: ctx.info.mode, adapter: ctx.info.adapter, secretStorage: ctx.secrets.storage, dataDir: ctx.info.dataDir },
        connection: connectionSummary(secrets, ctx.secrets.source),
        now: ctx.clock.now(),
      });
      ctx.log.info('diagnostics exported', { file: file.filename, bytes: file.bytes });
      return file;
    },
  };
}
