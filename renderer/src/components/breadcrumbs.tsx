import { ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function Breadcrumbs({ items }: { items: { label: string; href?: string }[] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={`${i}-${item.label}`}>
            {i > 0 ? <ChevronRight aria-hidden="true" size={14} className="crumb-sep" /> : null}
            {item.href && i < items.length - 1 ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <span aria-current={i === items.length - 1 ? 'page' : undefined}>{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
