import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { config } from '@/lib/config';

/**
 * The header server.ts sets on every request to the client address it derived (overwriting whatever the
 * client sent); sign-in and sign-up limits, sessions and the audit trail read the address from it.
 */
export const CLIENT_IP_HEADER = 'x-watchroom-client-ip';

/** The client address server.ts put on this request, for limits and audit. */
export function requestClientIp(headers: Headers): string | undefined {
  return headers.get(CLIENT_IP_HEADER) || undefined;
}

/** A proxy list from TRUSTED_PROXIES (addresses or CIDR ranges, checked by lib/config.ts) as a matcher. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/**
 * The client's address. Without trusted proxies (the default) it is the socket's peer, and any
 * X-Forwarded-For is ignored: a client could write anything there. When the peer is a trusted proxy,
 * X-Forwarded-For is read from the right (each proxy appends the address it saw), skipping trusted proxies;
 * the first address that is not one is the client. A malformed hop ends the walk at the last address we can
 * vouch for, so a forged header never yields an address of the sender's choosing.
 */
export function deriveClientIp(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: BlockList | null): string | undefined {
  const peer = normaliseIp(remoteAddress);
  if (!peer || !trusted || !isTrusted(trusted, peer)) return peer;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseIp(hops[i]);
    if (!hop) return client;
    client = hop;
    if (!isTrusted(trusted, hop)) return hop;
  }
  return client;
}

let cached: { entries: readonly string[]; list: BlockList | null } | undefined;

/** The client address of an incoming HTTP request or socket.io handshake, under this process's TRUSTED_PROXIES. */
export function clientIpOf(req: { remoteAddress: string | undefined; headers: IncomingHttpHeaders }): string | undefined {
  const entries = config().TRUSTED_PROXIES;
  if (cached?.entries !== entries) cached = { entries, list: entries.length ? trustedProxyList(entries) : null };
  return deriveClientIp(req.remoteAddress, req.headers['x-forwarded-for'], cached.list);
}

/** `1.2.3.4`, `::1`, `::ffff:1.2.3.4` (as IPv4), `1.2.3.4:5678` and `[::1]:443` (ports dropped); undefined if not an address. */
export function normaliseIp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[\w.-]+$/, '');
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1];
  const family = isIP(v);
  if (!family) return undefined;
  return family === 6 ? v.toLowerCase() : v;
}

function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}
