/** SIP failure codes the agent meets most, each with its own words; the rest share one. */
export function failureNotice(code: number): string {
  if (code === 486 || code === 600) return 'call.failed.busy';
  if (code === 480 || code === 404) return 'call.failed.unavailable';
  if (code === 408) return 'call.failed.timeout';
  if (code === 487) return 'call.failed.cancelled';
  if (code === 503 || code === 500) return 'call.failed.serviceUnavailable';
  return 'call.failed.other';
}
