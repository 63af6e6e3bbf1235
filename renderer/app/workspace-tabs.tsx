import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The interaction panel's tabs. Today the customer; the script and knowledge panels of the next
 * features add their tab here (an id, a label key and a body) without another redesign.
 */
export interface WorkspaceTab {
  id: string;
  labelKey: string;
}

export const workspaceTabs: readonly WorkspaceTab[] = [{ id: 'customer', labelKey: 'workspace.customer' }];

export function WorkspaceTabs({ callId, children }: { callId: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(workspaceTabs[0]!.id);
  return (
    <section className="workspace-tabs" data-call-id={callId ?? ''}>
      <div role="tablist" className="tablist" aria-label={t('workspace.title')}>
        {workspaceTabs.map((tab) => (
          <button
            key={tab.id}
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={active === tab.id}
            aria-controls={`tabpanel-${tab.id}`}
            onClick={() => setActive(tab.id)}
          >
            {t(tab.labelKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${active}`} aria-labelledby={`tab-${active}`} className="tabpanel">
        {children}
      </div>
    </section>
  );
}
