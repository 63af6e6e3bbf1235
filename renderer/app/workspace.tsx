import { useTranslation } from 'react-i18next';
import { RecentCallsPanel } from '../features/call-history';
import { ScreenPopCard } from '../features/screen-pop';
import { CallPanel, DialPad } from '../features/softphone';
import { NotesColumn } from '../features/wrap-up';
import { useApp } from './services';
import { workspaceCallId } from './workspace-selectors';
import { WorkspaceTabs } from './workspace-tabs';

/**
 * The agent's screen during a shift: the lines on the left, the customer of the call in the
 * workspace in the centre, that call's notes and wrap-up on the right. Swapping lines swaps the
 * card and the notes together, because both follow one call id.
 */
export function Workspace() {
  const { t } = useTranslation();
  const callId = useApp(workspaceCallId);
  return (
    <main className="workspace" data-testid="workspace">
      <div className="lines-column" aria-label={t('call.lines')}>
        <CallPanel />
        <DialPad />
        <RecentCallsPanel />
      </div>
      <div className="interaction-column">
        <WorkspaceTabs callId={callId}>
          <ScreenPopCard callId={callId} />
        </WorkspaceTabs>
      </div>
      <NotesColumn callId={callId} />
    </main>
  );
}
