import { explain, fieldErrors } from '../lib/errors';
import { Notice } from './notice';

/** Under a settings form: saved, or what went wrong (field errors show beside their fields). */
export function FormStatus({ saved, error, what }: { saved?: string | undefined; error?: unknown; what: string }) {
  if (error) {
    const e = explain(error, what);
    const fields = fieldErrors(error);
    return (
      <Notice tone={e.notYet ? 'info' : 'error'} title={e.title}>
        {fields.length ? 'Check the fields marked above. Nothing was saved.' : e.body}
      </Notice>
    );
  }
  if (saved) return <Notice tone="success" title={saved} />;
  return null;
}
