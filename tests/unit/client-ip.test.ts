import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, setRuntimeEnv } from '@/lib/config';
import { clientIpOf, deriveClientIp, normaliseIp, trustedProxyList } from '@/lib/http/client-ip';

/** The client address for per-IP limits and audit: X-Forwarded-For is believed only from TRUSTED_PROXIES. */
const lb = trustedProxyList(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
const env = (values: Record<string, string>) => parseConfig(values as NodeJS.ProcessEnv);

describe('deriveClientIp', () => {
  it('without trusted proxies uses the socket peer and ignores a spoofed X-Forwarded-For', () => {
    expect(deriveClientIp('203.0.113.9', '198.51.100.1', null)).toBe('203.0.113.9');
    expect(deriveClientIp('203.0.113.9', ['1.1.1.1, 2.2.2.2', '3.3.3.3'], null)).toBe('203.0.113.9');
    expect(deriveClientIp('::ffff:203.0.113.9', undefined, null)).toBe('203.0.113.9');
    expect(deriveClientIp(undefined, '198.51.100.1', null)).toBeUndefined();
  });

  it('with trusted proxies, ignores X-Forwarded-For from a peer that is not one of them', () => {
    expect(deriveClientIp('203.0.113.9', '198.51.100.1', lb)).toBe('203.0.113.9');
  });

  it('chooses the right-most address that is not a trusted proxy', () => {
    // The client wrote a fake first hop; the balancer (10.0.0.2) appended the address it really saw.
    expect(deriveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.7', lb)).toBe('198.51.100.7');
    // Two trusted hops (an internal proxy, then the balancer) are skipped.
    expect(deriveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.7, 192.168.1.5', lb)).toBe('198.51.100.7');
    // Several header lines are one list, in order.
    expect(deriveClientIp('10.0.0.2', ['6.6.6.6', '198.51.100.7, 10.1.2.3'], lb)).toBe('198.51.100.7');
    expect(deriveClientIp('::ffff:10.0.0.2', '2001:db8::1, fd00::5', lb)).toBe('2001:db8::1');
  });

  it('falls back to the last address it can vouch for when the header is missing, trusted all the way, or malformed', () => {
    expect(deriveClientIp('10.0.0.2', undefined, lb)).toBe('10.0.0.2');
    expect(deriveClientIp('10.0.0.2', '', lb)).toBe('10.0.0.2');
    expect(deriveClientIp('10.0.0.2', '10.0.0.9, 10.0.0.3', lb)).toBe('10.0.0.9');
    // A garbage hop next to the balancer is never taken as the client, nor is anything left of it.
    expect(deriveClientIp('10.0.0.2', '6.6.6.6, not-an-ip', lb)).toBe('10.0.0.2');
    expect(deriveClientIp('10.0.0.2', '6.6.6.6, unknown, 10.0.0.7', lb)).toBe('10.0.0.7');
  });

  it('reads ports and brackets as proxies write them', () => {
    expect(deriveClientIp('10.0.0.2', '198.51.100.7:51234', lb)).toBe('198.51.100.7');
    expect(deriveClientIp('10.0.0.2', '[2001:db8::1]:443', lb)).toBe('2001:db8::1');
    expect(normaliseIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseIp('<script>')).toBeUndefined();
  });
});

describe('TRUSTED_PROXIES', () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXIES;
    setRuntimeEnv({});
  });

  it('trusts nothing by default and accepts addresses and CIDR ranges, comma or space separated', () => {
    expect(env({}).TRUSTED_PROXIES).toEqual([]);
    expect(env({ TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.5  fd00::/8 ' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
  });

  it('refuses what is not an address or a range, naming it', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.1/8/1', '10.0.0/8', '10.0.0.0/']) {
      expect(() => env({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES.*not an IP address or CIDR range/);
    }
  });

  it('clientIpOf follows the configured setting', () => {
    const req = { remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' } };
    expect(clientIpOf(req)).toBe('10.0.0.2');
    process.env.TRUSTED_PROXIES = '10.0.0.0/8';
    setRuntimeEnv({});
    expect(clientIpOf(req)).toBe('198.51.100.7');
  });
});
