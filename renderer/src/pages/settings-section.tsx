import type { FormEvent, ReactNode } from 'react';
import { usePermission } from '../lib/use-permission';

/** One settings card: a form with its own Save, so each part saves on its own. */
export function SettingsSection({
  id,
  title,
  description,
  onSubmit,
  children,
  footer,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  onSubmit: () => void;
  children: ReactNode;
  footer: ReactNode;
}) {
  const canAct = usePermission('admin').allowed;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canAct) onSubmit();
  };
  return (
    <section className="card settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      {description ? <p className="muted card-description">{description}</p> : null}
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        {/* Without access, or for a role that may not change settings, nothing can be saved: the whole form is disabled, not just its button. */}
        <fieldset className="form-fieldset" disabled={!canAct}>
          <div className="form-fields">{children}</div>
          <div className="form-footer">{footer}</div>
        </fieldset>
      </form>
    </section>
  );
}
