/** Settings → Language: follow this computer, or always English, or always French. Applies at once. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../components/form-fields';
import { languagePreference, setLanguagePreference, systemLanguage, type LanguagePreference } from '../i18n';

export function LanguageSettings() {
  const { t } = useTranslation();
  const [preference, setPreference] = useState<LanguagePreference>(languagePreference);
  const choose = (next: LanguagePreference) => {
    setPreference(next);
    void setLanguagePreference(next);
  };
  const options: { id: LanguagePreference; label: string }[] = [
    { id: 'system', label: t('settings.language.system', { language: t(`settings.language.${systemLanguage()}`) }) },
    { id: 'en', label: t('settings.language.en') },
    { id: 'fr', label: t('settings.language.fr') },
  ];
  return (
    <section className="card settings-card" aria-labelledby="language-title">
      <h2 id="language-title" className="card-title">
        {t('settings.language.title')}
      </h2>
      <p className="muted card-description">{t('settings.language.description')}</p>
      <div className="form-fields">
        <SelectField label={t('settings.language.label')} value={preference} onChange={choose} options={options} />
      </div>
    </section>
  );
}
