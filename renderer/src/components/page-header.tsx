import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page title. On navigation, focus moves to it (unless the page focuses
 * something better, like the Unit File search) so keyboard and screen-reader
 * users land at the top of the new page.
 */
export function PageHeader({
  title,
  eyebrow,
  description,
  children,
  focus = true,
}: {
  title: ReactNode;
  eyebrow?: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  focus?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus({ preventScroll: true });
  }, [focus]);
  return (
    <div className="page-header">
      <div className="page-heading">
        {eyebrow ? <div className="eyebrow">{eyebrow}</div> : null}
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {children ? <div className="page-actions">{children}</div> : null}
    </div>
  );
}
