const formatters = new Map<string, Intl.DateTimeFormat>();

/** A call's start as the agent reads it ("14:02"); one formatter per locale, reused. */
export function wrapUpTime(iso: string, locale: string): string {
  let f = formatters.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    formatters.set(locale, f);
  }
  return f.format(new Date(iso));
}
