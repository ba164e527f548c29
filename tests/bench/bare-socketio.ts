/**
 * The fan-out baseline: a bare socket.io server (no session check, no database) in its own process, so the
 * benchmark compares Watchroom's post → 1,000 sockets with the same broadcast and nothing else.
 *   npx tsx tests/bench/bare-socketio.ts <port>
 * Clients emit `subscribe` (acknowledged at once) to join; POST /emit broadcasts `post:created` to them.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3490);
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/emit') {
    io.to('thread:bench').emit('post:created', { threadId: 'bench', postId: String(Date.now()) });
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
    return;
  }
  res.writeHead(req.url === '/ping' ? 200 : 404).end();
});
const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  socket.on('subscribe', (_raw: unknown, ack?: (r: { ok: boolean }) => void) => {
    void socket.join('thread:bench');
    if (typeof ack === 'function') ack({ ok: true });
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
