import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getOwnPerson } from './person';
import { recordAudit } from '@/lib/audit';

/**
 * A person's own data (UK GDPR right of access), as one JSON document: their profile, their forum posts,
 * their notifications, sessions, texts sent to them and the audit trail of their own account.
 *
 * Incident-room text stays in its room: a room post of theirs is included only while they are still an
 * active member of that room, and never from a TLP:RED room or a TLP:RED post (RED is not exported at all).
 * Posts they can no longer see there are counted, not copied. Never included: password hash, second-factor
 * secret, session tokens. The download itself is audited.
 */
export async function exportMyData(actor: Actor) {
  const db = getDb();
  const { user, organisation } = await getOwnPerson(actor.id);

  const [posts, roomPosts, notifications, sessions, texts, audit] = await Promise.all([
    db
      .select({
        id: schema.posts.id,
        threadId: schema.posts.threadId,
        threadTitle: schema.threads.title,
        body: schema.posts.bodyMarkdown,
        revision: schema.posts.revision,
        createdAt: schema.posts.createdAt,
        editedAt: schema.posts.editedAt,
        deletedAt: schema.posts.deletedAt,
        hiddenAt: schema.posts.hiddenAt,
      })
      .from(schema.posts)
      .innerJoin(schema.threads, eq(schema.threads.id, schema.posts.threadId))
      .where(eq(schema.posts.authorId, user.id))
      .orderBy(asc(schema.posts.createdAt)),
    db
      .select({
        id: schema.roomPosts.id,
        roomId: schema.roomPosts.roomId,
        reference: schema.incidentRooms.reference,
        roomTitle: schema.incidentRooms.title,
        roomTlp: schema.incidentRooms.tlp,
        tlp: schema.roomPosts.tlp,
        kind: schema.roomPosts.kind,
        anonymous: schema.roomPosts.anonymous,
        body: schema.roomPosts.bodyMarkdown,
        createdAt: schema.roomPosts.createdAt,
        stillMember: sql<boolean>`${schema.roomMembers.userId} is not null`,
      })
      .from(schema.roomPosts)
      .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.roomPosts.roomId))
      .leftJoin(
        schema.roomMembers,
        and(eq(schema.roomMembers.roomId, schema.roomPosts.roomId), eq(schema.roomMembers.userId, user.id), isNull(schema.roomMembers.removedAt)),
      )
      .where(eq(schema.roomPosts.authorId, user.id))
      .orderBy(asc(schema.roomPosts.createdAt)),
    db
      .select({
        kind: schema.notifications.kind,
        threadId: schema.notifications.threadId,
        postId: schema.notifications.postId,
        createdAt: schema.notifications.createdAt,
        readAt: schema.notifications.readAt,
      })
      .from(schema.notifications)
      .where(eq(schema.notifications.userId, user.id))
      .orderBy(desc(schema.notifications.createdAt)),
    db
      .select({
        id: schema.userSessions.id,
        ip: schema.userSessions.ip,
        userAgent: schema.userSessions.userAgent,
        createdAt: schema.userSessions.createdAt,
        lastSeenAt: schema.userSessions.lastSeenAt,
        expiresAt: schema.userSessions.expiresAt,
        revokedAt: schema.userSessions.revokedAt,
        revokedReason: schema.userSessions.revokedReason,
      })
      .from(schema.userSessions)
      .where(eq(schema.userSessions.userId, user.id))
      .orderBy(desc(schema.userSessions.createdAt)),
    // Texts to them: when and what kind, not the wording (it names the incident; the room holds it).
    db
      .select({ kind: schema.smsMessages.kind, status: schema.smsMessages.status, createdAt: schema.smsMessages.createdAt, sentAt: schema.smsMessages.sentAt })
      .from(schema.smsMessages)
      .where(eq(schema.smsMessages.userId, user.id))
      .orderBy(desc(schema.smsMessages.createdAt)),
    db
      .select({ action: schema.auditEvents.action, ip: schema.auditEvents.ip, detail: schema.auditEvents.detail, createdAt: schema.auditEvents.createdAt })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.subjectType, 'user'), eq(schema.auditEvents.subjectId, user.id)))
      .orderBy(desc(schema.auditEvents.createdAt)),
  ]);

  const shareable = (p: (typeof roomPosts)[number]) => p.stillMember && p.roomTlp !== 'RED' && p.tlp !== 'RED';
  const included = roomPosts.filter(shareable);
  const withheld = roomPosts.length - included.length;

  await recordAudit(db, { actorId: actor.id, action: 'account.data_export', subjectType: 'user', subjectId: user.id, ip: actor.ip });

  return {
    exportedAt: new Date().toISOString(),
    about:
      'Your data held by Watchroom. Incident-room posts are included only for rooms you are still a member of, and never from TLP:RED rooms or posts; each keeps its TLP label and may be shared no further than it allows.',
    profile: {
      id: user.id,
      name: user.name,
      email: user.email,
      username: user.username,
      role: user.role,
      status: user.status,
      organisation: { name: organisation.name, odsCode: organisation.odsCode },
      jobRole: user.jobRole,
      bio: user.bio,
      mobile: user.mobile,
      mobileVerified: user.mobileVerified,
      incidentContact: user.incidentContact,
      profileVisibility: user.profileVisibility,
      twoFactorEnabled: Boolean(user.totpEnabledAt),
      createdAt: user.createdAt,
      lastActiveAt: user.lastActiveAt,
      passwordChangedAt: user.passwordChangedAt,
      closureRequestedAt: user.closureRequestedAt,
    },
    posts,
    roomPosts: included.map(({ stillMember: _member, roomTlp: _roomTlp, ...p }) => p),
    roomPostsWithheld: withheld,
    notifications,
    sessions,
    texts,
    audit,
  };
}

export type MyData = Awaited<ReturnType<typeof exportMyData>>;

