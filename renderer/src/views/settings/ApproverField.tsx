import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/appStore';
import { useT } from '../../i18n/useT';

/** The approval history keeps at most this many characters of a name (approval_history.action_user). */
const MAX_NAME = 100;

/**
 * The name decisions are recorded under (承認者名 in the approval history). Empty: this
 * machine's account, which the hint names, so that a manager sees what would be written.
 */
export function ApproverField() {
  const t = useT();
  const { approver, setApproverName } = useAppStore(useShallow((s) => ({ approver: s.approver, setApproverName: s.setApproverName })));
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(approver && !approver.fromAccount ? approver.name : ''), [approver]);
  if (!approver) return null;
  const save = async (): Promise<void> => {
    setSaved(await setApproverName(draft.trim() === '' ? null : draft.trim()));
  };
  return (
    <form
      className="approver"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          setSaved(false);
        }}
        maxLength={MAX_NAME}
        placeholder={t('settings.approverPlaceholder')}
        aria-label={t('settings.approver')}
        data-testid="approver-name"
      />
      <button type="submit" data-testid="approver-save">
        {t('settings.approverSave')}
      </button>
      <p className="muted small" data-testid="approver-hint">
        {approver.fromAccount ? t('settings.approverFromAccount', { name: approver.name }) : t('settings.approverNamed', { name: approver.name })}
        {saved && ` ${t('settings.approverSaved')}`}
      </p>
    </form>
  );
}
