import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { config } from '@/lib/config';
import { runDormantAccounts } from '@/lib/people/dormant';
import { db, makeUser, rowCounts, schema, useTestDatabase } from './harness';

/** The daily dormant-account job: warn at 12 months, suspend a month after the warning unless they came back. */
useTestDatabase();

const userRow = async (id: string) => (await db().select().from(schema.users).where(eq(schema.users.id, id)))[0];
const ago = (days: number) => sql`now() - ${`${days} days`}::interval`;
const setTimes = (id: string, lastActiveDaysAgo: number, warnedDaysAgo?: number) =>
  db()
    .update(schema.users)
    .set({ lastActiveAt: ago(lastActiveDaysAgo), dormantWarnedAt: warnedDaysAgo === undefined ? null : ago(warnedDaysAgo) })
    .where(eq(schema.users.id, id));
const emailsTo = async (to: string) => db().select().from(schema.emailMessages).where(eq(schema.emailMessages.toAddress, to));

describe('dormant accounts', () => {
  it('warns, then suspends, and a second run changes nothing', async () => {
    const c = config();
    const recent = await makeUser();
    const almost = await makeUser();
    const dormant = await makeUser();
    const warnedLongAgo = await makeUser();
    const warnedRecently = await makeUser();
    const cameBack = await makeUser();
    const suspendedAlready = await makeUser({ status: 'suspended' });
    await setTimes(recent.id, 3);
    await setTimes(almost.id, c.DORMANT_WARN_AFTER_DAYS - 1);
    await setTimes(dormant.id, c.DORMANT_WARN_AFTER_DAYS + 1);
    await setTimes(warnedLongAgo.id, c.DORMANT_WARN_AFTER_DAYS + c.DORMANT_SUSPEND_AFTER_WARNING_DAYS + 5, c.DORMANT_SUSPEND_AFTER_WARNING_DAYS + 1);
    await setTimes(warnedRecently.id, c.DORMANT_WARN_AFTER_DAYS + 10, 5);
    // Warned 40 days ago, signed in 10 days ago (after the warning): not suspended.
    await setTimes(cameBack.id, 10, c.DORMANT_SUSPEND_AFTER_WARNING_DAYS + 10);
    await setTimes(suspendedAlready.id, c.DORMANT_WARN_AFTER_DAYS + 100);
    await db().insert(schema.userSessions).values({ userId: warnedLongAgo.id, expiresAt: sql`now() + interval '1 hour'` });

    const first = await runDormantAccounts();
    expect(first).toEqual({ warned: 1, suspended: 1 });

    expect((await userRow(recent.id)).dormantWarnedAt).toBeNull();
    expect((await userRow(almost.id)).dormantWarnedAt).toBeNull();
    expect((await userRow(dormant.id)).dormantWarnedAt).not.toBeNull();
    expect((await userRow(dormant.id)).status).toBe('active');
    expect((await emailsTo(dormant.email)).map((m) => m.purpose)).toEqual(['dormant.warning']);

    const suspended = await userRow(warnedLongAgo.id);
    expect(suspended).toMatchObject({ status: 'suspended', suspensionReason: 'dormant', sessionVersion: warnedLongAgo.sessionVersion + 1 });
    const sessions = await db().select().from(schema.userSessions).where(eq(schema.userSessions.userId, warnedLongAgo.id));
    expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
    expect((await emailsTo(warnedLongAgo.email)).map((m) => m.purpose)).toEqual(['dormant.suspended']);

    expect((await userRow(warnedRecently.id)).status).toBe('active');
    expect((await userRow(cameBack.id)).status).toBe('active');
    expect((await userRow(suspendedAlready.id)).dormantWarnedAt).toBeNull();

    const audit = await db().select().from(schema.auditEvents).where(sql`${schema.auditEvents.action} like 'user.dormant_%'`);
    expect(audit.map((a) => [a.action, a.subjectId]).sort()).toEqual(
      [
        ['user.dormant_suspend', warnedLongAgo.id],
        ['user.dormant_warn', dormant.id],
      ].sort(),
    );

    const before = await rowCounts();
    expect(await runDormantAccounts()).toEqual({ warned: 0, suspended: 0 });
    expect(await rowCounts()).toEqual(before);
  });

  it('a member warned, who came back and then went quiet for another year, is warned again (not suspended straight away)', async () => {
    const c = config();
    const returner = await makeUser();
    // Warned 800 days ago, active 400 days ago (after that warning), quiet since.
    await setTimes(returner.id, c.DORMANT_WARN_AFTER_DAYS + 35, c.DORMANT_WARN_AFTER_DAYS * 2 + 70);
    expect(await runDormantAccounts()).toEqual({ warned: 1, suspended: 0 });
    expect((await userRow(returner.id)).status).toBe('active');
    expect(await runDormantAccounts()).toEqual({ warned: 0, suspended: 0 });
  });
});
