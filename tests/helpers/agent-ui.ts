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

/** Files the open wrap-up form (inquiry, normal, resolved) and waits until it is saved. */
export async function fileWrapUp(page: Page, opts: { timeout?: number } = {}): Promise<void> {
  const form = page.getByTestId('wrapup-form');
  await form.waitFor({ timeout: opts.timeout ?? 15_000 });
  await form.getByTestId('wrapup-category').selectOption('inquiry');
  await form.getByTestId('wrapup-priority').selectOption('normal');
  await form.getByTestId('wrapup-disposition').selectOption('resolved');
  await form.getByTestId('wrapup-submit').click();
  await page.getByTestId('wrapup-saved').waitFor({ timeout: 10_000 });
}

/** Hangs up if a call is still up, then files its wrap-up. */
export async function endAndFile(page: Page): Promise<void> {
  const hangup = page.getByTestId('hangup-button');
  if (await hangup.isVisible()) await hangup.click();
  await fileWrapUp(page);
}

/** A frequency check for tone assertions: within `tolerance` Hz of `hz`. */
export const near =
  (hz: number, tolerance = 60) =>
  (x: number): boolean =>
    Math.abs(x - hz) < tolerance;
