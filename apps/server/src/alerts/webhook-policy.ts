import dns from 'node:dns';
import { InputError } from '../http/errors.js';
import { checkResolvedAddress, checkUrl, createGuardedFetch, OutboundRefusedError, validatePolicy, type GuardedFetch, type OutboundPolicy, type Resolve } from '../outbound/index.js';

/**
 * The outbound policy for webhooks, built on the SAP call guard (outbound/): https only, port 443, a host name (never
 * an IP literal) that resolves to public addresses only — checked when the channel is saved and again at every call,
 * pinned against DNS rebinding — and redirects only within the receiver's own host. The allow-list is the channel's
 * own host, so "off-host" means any other host. Test hosts (ALERTS_WEBHOOK_TEST_HOSTS) play the part sandbox hosts
 * play for SAP calls: a name served by a local plain-http receiver.
 */

/** Parses ALERTS_WEBHOOK_TEST_HOSTS: name=http://127.0.0.1:port, comma-separated. */
export function parseWebhookTestHosts(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const hosts: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`ALERTS_WEBHOOK_TEST_HOSTS: "${pair}" is not name=http://127.0.0.1:port.`);
    hosts[pair.slice(0, at).trim().toLowerCase()] = pair.slice(at + 1).trim();
  }
  // The guard's own rule for sandbox bases (plain http on a loopback IP) applies; a bad entry stops the start.
  validatePolicy({ allowedHostPatterns: [], sandboxHosts: hosts, maxRedirects: 0 });
  return hosts;
}

const policyFor = (host: string, testHosts: Record<string, string>): OutboundPolicy => ({ allowedHostPatterns: [host], sandboxHosts: testHosts, maxRedirects: 3 });

const PUBLIC_ONLY = 'Alerts go only to receivers on the public internet, by host name, so the server cannot be made to call into its own network. Use the receiver’s public https:// host name.';

/** Why a webhook URL is refused, in words for the admin who typed it. */
function refusal(url: string, error: unknown): InputError {
  const field = [{ field: 'url', message: 'Refused by the webhook policy.' }];
  if (!(error instanceof OutboundRefusedError)) return new InputError(`The webhook URL "${url}" is not a usable host name. ${PUBLIC_ONLY}`, field);
  const say: Record<string, string> = {
    NOT_HTTPS: 'Webhooks are sent over https:// only, so alerts and their signature never travel unencrypted. Change the URL to start with https://.',
    IP_LITERAL: `The webhook URL names an IP address. ${PUBLIC_ONLY}`,
    PRIVATE_ADDRESS: `${error.message.replace(/ SAP cloud hosts.*$/, '')}: a loopback, private or link-local address. ${PUBLIC_ONLY}`,
    PORT_NOT_ALLOWED: 'Webhooks are sent to the standard HTTPS port 443 only. Remove the port from the URL (serve the receiver on 443).',
    USERINFO: 'The webhook URL contains a user name or password before "@". Remove it: receivers verify the X-TCC-Signature header instead.',
    DNS_FAILED: `${error.message} The receiver’s host name must resolve when the channel is saved.`,
  };
  return new InputError(say[error.code] ?? `The webhook URL cannot be used: ${error.message}`, field);
}

export interface WebhookPolicy {
  /** Checks a URL before it is stored; throws InputError saying what to do. Answers the normalised URL. */
  check(url: string): Promise<string>;
  /** The guarded client for one channel's URL. */
  fetchFor(url: string): GuardedFetch;
}

export function createWebhookPolicy({ testHosts, timeoutMs, resolve = (hostname, options) => dns.promises.lookup(hostname, options) }: { testHosts: Record<string, string>; timeoutMs: number; resolve?: Resolve }): WebhookPolicy {
  return {
    async check(url) {
      let host: string;
      try {
        host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
      } catch {
        throw new InputError(`"${url}" is not a URL. Enter the full https:// address of the webhook receiver.`, [{ field: 'url', message: 'Not a URL.' }]);
      }
      try {
        const checked = checkUrl(url, policyFor(host, testHosts));
        // A one-label name (localhost, an intranet name) is no public host; validatePolicy says so before any DNS.
        validatePolicy(policyFor(checked.hostname, testHosts));
        if (testHosts[checked.hostname] === undefined) {
          let addresses: { address: string }[];
          try {
            addresses = await resolve(checked.hostname, { all: true });
          } catch (cause) {
            throw new OutboundRefusedError('DNS_FAILED', `"${checked.hostname}" could not be resolved.`, { cause });
          }
          for (const { address } of addresses) checkResolvedAddress(address, checked.hostname);
        }
        return checked.href;
      } catch (error) {
        throw refusal(url, error);
      }
    },
    fetchFor(url) {
      return createGuardedFetch({ policy: policyFor(new URL(url).hostname, testHosts), resolve, timeoutMs });
    },
  };
}
