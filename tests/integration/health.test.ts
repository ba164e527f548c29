import { afterAll, describe, expect, inject, it } from 'vitest';
import { GET as health } from '@/app/api/health/route';
import { closeDb } from '@/db/client';
import { config, setRuntimeEnv } from '@/lib/config';
import { actorFor, makeUser, rawSql, useTestDatabase } from './harness';

/** /api/health: the database, the SMS queue's depth and oldest text, sending paused or held, the role; 503 without a database. */
useTestDatabase();

const read = async () => {
  const res = await health();
  return { status: res.status, cache: res.headers.get('cache-control'), body: await res.json() };
};

async function queueText(minutesAgo: number, phone: string) {
  const [room] = await rawSql()<{ id: string }[]>`select id from incident_rooms limit 1`;
  await rawSql()`
    insert into sms_messages (room_id, phone, kind, template_id, personalisation, body, status, created_at)
    values (${room.id}, ${phone}, 'alert', gen_random_uuid(), '{}'::jsonb, 'Secret room text', 'queued', now() - ${`${minutesAgo} minutes`}::interval)`;
}

describe('/api/health', () => {
  it('reports an idle, healthy process', async () => {
    expect(await read()).toEqual({
      status: 200,
      cache: 'no-store',
      body: { status: 'ok', role: 'all', database: 'ok', queue: { queuedTexts: 0, oldestQueuedSeconds: null, stalled: false }, sending: { paused: false, heldUntil: null } },
    });
  });

  it('reports the queue depth and the oldest queued text; stalled (degraded, still 200) unless sending is paused', async () => {
    const lead = await makeUser({ role: 'incident_lead' });
    await rawSql()`
      insert into incident_rooms (reference, title, severity, tlp, summary, public_headline, created_by_id)
      values ('INC-2026-0001', 'Restricted title', 'low', 'RED', 'Restricted summary', 'Public headline', ${actorFor(lead).id})`;
    await queueText(1, '+447700900901');
    let h = await read();
    expect(h.status).toBe(200);
    expect(h.body.queue.queuedTexts).toBe(1);
    expect(h.body.queue.oldestQueuedSeconds).toBeGreaterThanOrEqual(60);
    expect(h.body.queue.stalled).toBe(false);
    expect(h.body.status).toBe('ok');

    await queueText(30, '+447700900902');
    h = await read();
    expect(h.body).toMatchObject({ status: 'degraded', queue: { queuedTexts: 2, stalled: true } });
    expect(h.body.queue.oldestQueuedSeconds).toBeGreaterThanOrEqual(30 * 60);
    expect(h.status).toBe(200);
    expect(JSON.stringify(h.body)).not.toMatch(/Restricted|Secret|Public headline|INC-|\+44/);

    await rawSql()`insert into sending_controls (id, paused, held_until, held_reason) values ('global', true, now() + interval '1 hour', 'daily limit')`;
    h = await read();
    expect(h.body).toMatchObject({ status: 'ok', sending: { paused: true }, queue: { stalled: false } });
    expect(h.body.sending.heldUntil).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  describe('without a database', () => {
    const url = () => config().DATABASE_URL!;
    let saved = '';
    afterAll(async () => {
      await closeDb();
      setRuntimeEnv({ DATABASE_URL: saved });
    });

    it('answers 503 and says only that the database is unreachable', async () => {
      saved = url();
      await closeDb();
      const { serverUrl } = inject('testPostgres');
      // A port nothing listens on (port 1 on the loopback is refused at once).
      setRuntimeEnv({ DATABASE_URL: `${serverUrl.replace(/:\d+$/, ':1')}/none` });
      expect(await read()).toEqual({ status: 503, cache: 'no-store', body: { status: 'unavailable', role: 'all', database: 'unreachable' } });
    });
  });
});
