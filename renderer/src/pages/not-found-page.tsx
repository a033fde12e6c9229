import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page-header';
import { href } from '../lib/router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('unit.notFound.title')} description={t('unit.notFound.description')} />
      <p>
        <a href={href.home}>{t('unit.notFound.home')}</a> {t('unit.notFound.or')} <a href={href.units}>{t('unit.notFound.units')}</a>.
      </p>
    </>
  );
}
