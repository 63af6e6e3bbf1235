import type { Page } from 'playwright-core';

export interface AgentAccount {
  wsUrl: string;
  sipUri: string;
  authUser: string;
  password: string;
  displayName?: string;
  agentName?: string;
}

/** Does what an agent does at the start of a shift: fills the SIP account form, saves, registers. */
export async function enterAccountAndRegister(page: Page, a: AgentAccount): Promise<void> {
  const form = page.getByTestId('settings-form');
  await form.getByTestId('sip-ws-url').fill(a.wsUrl);
  await form.getByTestId('sip-uri').fill(a.sipUri);
  await form.getByTestId('sip-auth-user').fill(a.authUser);
  await form.getByTestId('sip-password').fill(a.password);
  await form.getByTestId('sip-display-name').fill(a.displayName ?? `Agent ${a.authUser}`);
  await form.getByTestId('agent-name').fill(a.agentName ?? '陳美玲');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-saved').waitFor({ timeout: 5_000 });
  await page.getByTestId('register-button').click();
}
