import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { exportRoom } from '@/lib/incidents/export-room';
import { actorFor, db, errorOf, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let member: TestUser;
let outsider: TestUser;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '203.0.113.50' });

beforeAll(async () => {
  lead = await makeUser({ role: 'incident_lead', name: 'Eve Exporter' });
  member = await makeUser({ name: 'Max Member' });
  outsider = await makeUser();
});

const open = (tlp: string) =>
  createRoom(as(lead), {
    title: 'Data extortion <script>alert(1)</script>',
    severity: 'moderate',
    tlp,
    summary: 'Stolen HR files & a ransom note.',
    publicHeadline: 'HR system incident',
    invite: { organisations: [], users: [member.email] },
  });

describe('export', () => {
  it('HTML: self-contained, stamped with TLP, viewer and time on every page, escaped, audited', async () => {
    const { id, reference } = await open('AMBER');
    await createRoomPost(as(member), id, { body: 'IOC: **evil.example**', tlp: 'GREEN' });
    await createRoomPost(as(member), id, { body: 'Anonymous note', tlp: 'AMBER', anonymous: true });
    const file = await exportRoom(as(lead), id, { format: 'html' }, new Date('2026-11-28T10:00:00Z'));
    expect(file.filename).toBe(`${reference}-transcript.html`);
    const stamp = `TLP:AMBER · ${reference} · exported for Eve Exporter · 2026-11-28 10:00 UTC`;
    expect(file.body).toContain(`<div class="stamp stamp--top" role="note">${stamp}</div>`);
    expect(file.body).toContain(`<div class="stamp stamp--bottom" role="note">${stamp}</div>`);
    expect(file.body).toMatch(/@page \{[^}]*@top-center \{ content: "TLP:AMBER/);
    expect(file.body).toContain('<strong>evil.example</strong>');
    expect(file.body).not.toContain('<script>');
    expect(file.body).toContain('Data extortion &lt;script&gt;');
    expect(file.body).not.toMatch(/<link|<script|src="http/);
    expect(file.body).not.toContain('Max Member</p>\n<div><p>Anonymous');
    const [audit] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.export'), eq(schema.auditEvents.subjectId, id)));
    expect(audit).toMatchObject({ actorId: lead.id, ip: '203.0.113.50', detail: { format: 'html', posts: 2 } });
  });

  it('Markdown: stamped at the top, after each post and at the end', async () => {
    const { id, reference } = await open('AMBER+STRICT');
    await createRoomPost(as(member), id, { body: 'First **finding**', tlp: 'AMBER' });
    const file = await exportRoom(as(lead), id, { format: 'markdown' }, new Date('2026-11-28T10:00:00Z'));
    expect(file.filename).toBe(`${reference}-transcript.md`);
    const stamp = `TLP:AMBER+STRICT · ${reference} · exported for Eve Exporter · 2026-11-28 10:00 UTC`;
    expect(file.body.startsWith(`> **${stamp}**`)).toBe(true);
    expect(file.body.trimEnd().endsWith(`> **${stamp}**`)).toBe(true);
    expect(file.body).toContain('First **finding**');
  });

  it('RED rooms cannot be exported (409); members are forbidden; outsiders 404; nothing is written', async () => {
    const red = await open('RED');
    const amber = await open('AMBER');
    const before = await rowCounts();
    expect(await errorOf(() => exportRoom(as(lead), red.id, { format: 'html' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => exportRoom(as(member), amber.id, { format: 'html' }))).toMatchObject({ code: 'forbidden' });
    const missing = await errorOf(() => exportRoom(as(outsider), randomId(), { format: 'html' }));
    expect(await errorOf(() => exportRoom(as(outsider), amber.id, { format: 'html' }))).toEqual(missing);
    expect(await errorOf(() => exportRoom(as(lead), amber.id, { format: 'pdf' }))).toMatchObject({ code: 'invalid' });
    expect(await rowCounts()).toEqual(before);
  });
});
