import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveBulletinFastPath } from '@/lib/bulletins/fast-path';
import { CLIENT_IP_HEADER, clientIpOf } from './client-ip';
import { serveDirectRoute } from './direct-routes';
import { applySecurityHeaders } from './security-headers';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Everything the HTTP server does in front of Next, for every request, in one place: the client address as we
 * saw it (X-Forwarded-For only from TRUSTED_PROXIES, so a header the client sent cannot forge it), the security
 * headers and page nonce, then the public bulletins from their cache, then the two API routes the server answers
 * itself, and anything else to `toNext` (Next's request handler).
 */
export function frontDoor(toNext: Handler): Handler {
  return (req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientIpOf({ remoteAddress: req.socket.remoteAddress, headers: req.headers }) ?? '';
    applySecurityHeaders(req, res);
    const next = () => toNext(req, res);
    if (serveBulletinFastPath(req, res, next)) return;
    if (serveDirectRoute(req, res)) return;
    next();
  };
}
