import { useEffect, useRef, type ReactNode } from 'react';

let firstPage = true;

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
    // Not on the first page of a visit: there the keyboard starts at the top, with the skip link.
    if (focus && !firstPage) ref.current?.focus({ preventScroll: true });
    firstPage = false;
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
