import type { FormEvent, ReactNode } from 'react';

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
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <section className="card settings-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      {description ? <p className="muted card-description">{description}</p> : null}
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <div className="form-fields">{children}</div>
        <div className="form-footer">{footer}</div>
      </form>
    </section>
  );
}
