import { count, eq } from 'drizzle-orm';
import type { Db } from './client';
import { schema } from './client';
import { hashPassword } from '@/lib/auth/password';
import { markdownToPlainText, renderMarkdown } from '@/lib/markdown';

type OrgType = (typeof schema.organisationType.enumValues)[number];

const organisations: { odsCode: string; name: string; type: OrgType; region: string }[] = [
  { odsCode: 'X24', name: 'NHS England (Cyber Security Operations Centre)', type: 'other', region: 'National' },
  { odsCode: 'RR8', name: 'Leeds Teaching Hospitals NHS Trust', type: 'acute_trust', region: 'North East and Yorkshire' },
  { odsCode: 'R0A', name: 'Manchester University NHS Foundation Trust', type: 'acute_trust', region: 'North West' },
  { odsCode: 'RX6', name: 'North East Ambulance Service NHS Foundation Trust', type: 'ambulance_trust', region: 'North East and Yorkshire' },
  { odsCode: 'RX4', name: 'Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust', type: 'mental_health_trust', region: 'North East and Yorkshire' },
  { odsCode: 'QHM', name: 'NHS North East and North Cumbria Integrated Care Board', type: 'icb', region: 'North East and Yorkshire' },
  { odsCode: '0AR', name: 'North of England Commissioning Support Unit', type: 'csu', region: 'North East and Yorkshire' },
];

const firstNames = ['Aisha', 'Ben', 'Chloe', 'Dev', 'Emma', 'Farhan', 'Grace', 'Harry', 'Imran', 'Jess', 'Kwame', 'Laura', 'Mo', 'Niamh', 'Olu', 'Priya'];
const lastNames = ['Ahmed', 'Bell', 'Clarke', 'Dawson', 'Evans', 'Fletcher', 'Gill', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lowe', 'Murphy', 'Nolan', 'Okafor', 'Patel'];

/** Drama-range mobiles (Ofcom 07700 900xxx), avoiding Notify's smoke-test and test-key failure numbers. */
function demoMobile(i: number) {
  return `+447700900${String(100 + i).padStart(3, '0')}`;
}

export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.watchroom.test',
  moderator: 'moderator@demo.watchroom.test',
  lead: 'lead@demo.watchroom.test',
  member: 'member@demo.watchroom.test',
} as const;

/** Seeds a realistic demo on an empty database; does nothing when any organisation exists. */
export async function seedDemoIfEmpty(db: Db, password: string): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(schema.organisations);
  if (n > 0) return false;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const orgs = await tx.insert(schema.organisations).values(organisations).returning();
    const byCode = Object.fromEntries(orgs.map((o) => [o.odsCode, o]));
    // The CSU supports its ICB: on AMBER rooms the CSU's incident contacts may nominate ICB colleagues.
    await tx.update(schema.organisations).set({ supportsOrganisationId: byCode.QHM.id }).where(eq(schema.organisations.id, byCode['0AR'].id));
    let phone = 0;
    const people: (typeof schema.users.$inferInsert)[] = [
      { name: 'Alex Admin', email: DEMO_ACCOUNTS.admin, role: 'admin', organisationId: byCode.X24.id },
      { name: 'Morgan Moderator', email: DEMO_ACCOUNTS.moderator, role: 'moderator', organisationId: byCode.X24.id },
      { name: 'Lee Lead', email: DEMO_ACCOUNTS.lead, role: 'incident_lead', organisationId: byCode.X24.id },
      { name: 'Sam Member', email: DEMO_ACCOUNTS.member, role: 'member', organisationId: byCode.RR8.id },
    ].map((u) => ({ ...u, passwordHash, mobile: demoMobile(phone++), mobileVerified: true }) as typeof schema.users.$inferInsert);
    let n = 0;
    for (const org of orgs) {
      for (let k = 0; k < 3; k++, n++) {
        const name = `${firstNames[n % firstNames.length]} ${lastNames[(n * 7 + 3) % lastNames.length]}`;
        const domain = org.type === 'other' ? 'england.nhs.uk' : 'nhs.net';
        people.push({
          name,
          email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${org.odsCode.toLowerCase()}@demo.${domain.replace('.', '-')}.test`,
          role: k === 0 && org.type === 'acute_trust' ? 'incident_lead' : 'member',
          organisationId: org.id,
          passwordHash,
          mobile: demoMobile(phone++),
          mobileVerified: k !== 2,
          // The first member of each organisation is its designated incident contact.
          incidentContact: k === 0,
        });
      }
    }
    const users = await tx
      .insert(schema.users)
      .values(people.map((p) => ({ ...p, username: p.email.split('@')[0].replace(/[^a-z0-9._-]/g, '') })))
      .returning();
    const byEmail = Object.fromEntries(users.map((u) => [u.email, u]));
    // Work-email domains that may request an account (admins manage the list at /admin/email-domains).
    await tx.insert(schema.emailDomains).values([{ domain: 'nhs.net' }, { domain: 'demo.watchroom.test' }]).onConflictDoNothing();
    const channels = await tx
      .insert(schema.channels)
      .values([
        { slug: 'general', name: 'General', description: 'Introductions, events and anything that fits nowhere else.', position: 0 },
        { slug: 'threat-intelligence', name: 'Threat intelligence', description: 'TLP:GREEN indicators, campaigns and advisories shared across the health and care system.', position: 1 },
        { slug: 'vulnerabilities', name: 'Vulnerabilities and patching', description: 'What to patch first, and how it went.', position: 2 },
        { slug: 'good-practice', name: 'Good practice', description: 'Runbooks, exercises and lessons learned.', position: 3 },
      ])
      .returning();
    const slug = Object.fromEntries(channels.map((c) => [c.slug, c]));
    const threads: { channel: string; title: string; posts: [string, string][] }[] = [
      {
        channel: 'threat-intelligence',
        title: 'Phishing campaign impersonating NHSmail password resets',
        posts: [
          [DEMO_ACCOUNTS.lead, 'We are seeing a wave of emails that imitate **NHSmail password expiry** notices.\n\n- Sender domains rotate daily\n- Links go to look-alike login pages\n\nPlease report samples to your local security team.'],
          [DEMO_ACCOUNTS.member, 'Seen at our trust too since Monday. Blocking the domains at the mail gateway helped.'],
        ],
      },
      {
        channel: 'vulnerabilities',
        title: 'Prioritising the critical VPN appliance patch',
        posts: [
          [DEMO_ACCOUNTS.moderator, 'The vendor advisory is rated critical and exploitation is reported in the wild. Who has patched, and did you hit any issues with the failover pair?'],
          [DEMO_ACCOUNTS.member, 'Patched last night. Remember to **rotate the admin credentials** afterwards.'],
        ],
      },
      {
        channel: 'good-practice',
        title: 'Running a tabletop exercise for a ransomware scenario',
        posts: [
          [DEMO_ACCOUNTS.admin, 'Sharing our exercise plan:\n\n1. Inject: EPR unavailable at 08:00\n2. Decide on downtime procedures\n3. Communications without email\n\nThe third step surprised everyone.'],
        ],
      },
      {
        channel: 'general',
        title: 'Welcome to Watchroom',
        posts: [[DEMO_ACCOUNTS.admin, 'Watchroom is for NHS and care cyber security staff. Public channels are **TLP:GREEN**: share within the community, not publicly.']],
      },
    ];
    for (const t of threads) {
      const authorId = byEmail[t.posts[0][0]].id;
      const lastId = byEmail[t.posts[t.posts.length - 1][0]].id;
      const [thread] = await tx
        .insert(schema.threads)
        .values({ channelId: slug[t.channel].id, authorId, title: t.title, postCount: t.posts.length, lastPosterId: lastId })
        .returning();
      await tx.insert(schema.posts).values(
        t.posts.map(([email, body], i) => ({
          threadId: thread.id,
          authorId: byEmail[email].id,
          bodyMarkdown: body,
          bodyHtml: renderMarkdown(body),
          bodyText: markdownToPlainText(body),
          createdAt: new Date(Date.now() - (t.posts.length - i) * 60_000),
        })),
      );
    }
  });
  return true;
}
