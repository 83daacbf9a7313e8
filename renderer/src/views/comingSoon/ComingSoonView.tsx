import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/appStore';

/** Views later issues build say so plainly instead of showing an empty screen. */
export function ComingSoonView({ name }: { name: string }) {
  const t = useT();
  const request = useAppStore((s) => (s.view === 'chat' ? s.chatRequest : null));
  return (
    <div className="coming-soon" data-testid="coming-soon">
      <h1>{t('comingSoon.title', { view: name })}</h1>
      <p>{t('comingSoon.body')}</p>
      {request && <p data-testid="chat-request">{t('chat.pending')}<br /><q>{request}</q></p>}
    </div>
  );
}
