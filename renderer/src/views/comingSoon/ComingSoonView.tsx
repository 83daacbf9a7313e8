import { useT } from '../../i18n/useT';

/** Views later issues build say so plainly instead of showing an empty screen. */
export function ComingSoonView({ name }: { name: string }) {
  const t = useT();
  return (
    <div className="coming-soon" data-testid="coming-soon">
      <h1>{t('comingSoon.title', { view: name })}</h1>
      <p>{t('comingSoon.body')}</p>
    </div>
  );
}
