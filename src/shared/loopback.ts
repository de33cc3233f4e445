/** Whether an address is this machine: where demo mode may listen and post without saying so loudly. */

/** http(s) URLs whose host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return isLoopbackHost(url.hostname);
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** Demo mode on an address other machines can reach: said loudly, because it has no authentication. */
export function warnExposedDemo(logger: { warn(details: object, message: string): void }, host: string): void {
  logger.warn(
    { host },
    `DEMO MODE IS LISTENING ON ${host}, NOT ONLY ON THIS MACHINE. Demo mode has no authentication: anyone who can reach this address can ask as any demo person. Set HOST=127.0.0.1 unless you mean it.`,
  );
}
