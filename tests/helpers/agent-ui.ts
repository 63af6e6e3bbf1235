import type { Page } from 'playwright-core';

export interface AgentAccount {
  wsUrl: string;
  sipUri: string;
  authUser: string;
  password: string;
  displayName?: string;
  agentName?: string;
}

/** Opens the settings view (behind ⚙ in the top bar) unless it is open. */
export async function openSettings(page: Page): Promise<void> {
  if (!(await page.getByTestId('settings-view').isVisible())) await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-view').waitFor({ timeout: 5_000 });
}

/** Back from settings to the workspace (or the pre-shift check, while it runs). */
export async function closeSettings(page: Page): Promise<void> {
  if (await page.getByTestId('settings-view').isVisible()) await page.getByTestId('open-settings').click();
  await page.getByTestId('settings-view').waitFor({ state: 'detached', timeout: 5_000 });
}

/** Waits until the pre-shift check has passed (it runs at the first registration). */
export async function waitSelfTestPassed(page: Page, timeout = 15_000): Promise<void> {
  await openSettings(page);
  await page.waitForSelector('[data-testid="self-test"][data-status="passed"]', { timeout });
  await closeSettings(page);
}

/** Does what an agent does at the start of a shift: fills the SIP account form, saves, signs in. */
export async function enterAccountAndRegister(page: Page, a: AgentAccount): Promise<void> {
  await openSettings(page);
  const form = page.getByTestId('settings-form');
  await form.getByTestId('sip-ws-url').fill(a.wsUrl);
  await form.getByTestId('sip-uri').fill(a.sipUri);
  await form.getByTestId('sip-auth-user').fill(a.authUser);
  await form.getByTestId('sip-password').fill(a.password);
  await form.getByTestId('sip-display-name').fill(a.displayName ?? `Agent ${a.authUser}`);
  await form.getByTestId('agent-name').fill(a.agentName ?? '陳美玲');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-saved').waitFor({ timeout: 5_000 });
  await closeSettings(page);
  await page.getByTestId('register-button').click();
}

/**
 * Files the wrap-up in the workspace (inquiry, normal, resolved) and waits until that record is
 * saved. `queued`: first opens the oldest wrap-up waiting in the list (a call that ended while
 * another is still up).
 */
export async function fileWrapUp(
  page: Page,
  opts: { timeout?: number; queued?: boolean } = {},
): Promise<void> {
  if (opts.queued)
    await page
      .getByTestId('wrapup-queue-item')
      .first()
      .click({ timeout: opts.timeout ?? 15_000 });
  const form = page.getByTestId('wrapup-form');
  await form.waitFor({ timeout: opts.timeout ?? 15_000 });
  const callId = await form.getAttribute('data-call-id');
  await form.getByTestId('wrapup-category').selectOption('inquiry');
  await form.getByTestId('wrapup-priority').selectOption('normal');
  await form.getByTestId('wrapup-disposition').selectOption('resolved');
  await form.getByTestId('wrapup-submit').click();
  await page.locator(`[data-testid="wrapup-saved"][data-call-id="${callId}"]`).waitFor({ timeout: 10_000 });
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

/** Unfolds the dial pad's keys (folded by default). */
export async function openDialPad(page: Page): Promise<void> {
  const toggle = page.getByTestId('dialpad-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}
