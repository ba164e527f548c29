import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  doublePrecision,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organisationType = pgEnum('organisation_type', [
  'acute_trust',
  'ambulance_trust',
  'mental_health_trust',
  'icb',
  'csu',
  'other',
]);
export const userRole = pgEnum('user_role', ['member', 'incident_lead', 'moderator', 'admin']);
export const userStatus = pgEnum('user_status', ['active', 'suspended']);
export const severity = pgEnum('severity', ['low', 'moderate', 'high', 'critical']);
export const tlp = pgEnum('tlp', ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
export const roomStatus = pgEnum('room_status', ['open', 'contained', 'resolved', 'closed']);
export const roomRole = pgEnum('room_role', ['lead', 'member', 'observer']);
export const membershipSource = pgEnum('membership_source', ['creator', 'person', 'organisation']);
export const smsKind = pgEnum('sms_kind', ['alert', 'signpost']);
export const smsStatus = pgEnum('sms_status', ['queued', 'sending', 'delivered', 'failed']);

export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  odsCode: text('ods_code').notNull().unique(),
  type: organisationType('type').notNull(),
  region: text('region').notNull().default(''),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull().unique(),
    /** The @handle used for mentions; lower case. */
    username: text('username').unique(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: userRole('role').notNull().default('member'),
    status: userStatus('status').notNull().default('active'),
    passwordHash: text('password_hash').notNull(),
    mobile: text('mobile'),
    mobileVerified: boolean('mobile_verified').notNull().default(false),
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId)],
);

export const channels = pgTable('channels', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const threads = pgTable(
  'threads',
  {
    id: id(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    title: text('title').notNull(),
    postCount: integer('post_count').notNull().default(0),
    lastPostAt: timestamp('last_post_at', { withTimezone: true }).notNull().defaultNow(),
    lastPosterId: uuid('last_poster_id').references(() => users.id),
    pinned: boolean('pinned').notNull().default(false),
    locked: boolean('locked').notNull().default(false),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', coalesce(title, ''))`),
    createdAt: createdAt(),
  },
  (t) => [
    index('threads_channel_activity_idx').on(t.channelId, t.pinned, t.lastPostAt, t.id),
    index('threads_search_idx').using('gin', t.searchVector),
  ],
);

export const posts = pgTable(
  'posts',
  {
    id: id(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** Plain text of the body, for search and previews. */
    bodyText: text('body_text').notNull().default(''),
    revision: integer('revision').notNull().default(1),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', coalesce(body_text, ''))`),
    createdAt: createdAt(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedById: uuid('deleted_by_id').references(() => users.id),
  },
  (t) => [
    index('posts_thread_created_idx').on(t.threadId, t.createdAt, t.id),
    index('posts_author_idx').on(t.authorId, t.createdAt),
    index('posts_search_idx').using('gin', t.searchVector),
  ],
);

/** Every earlier version of an edited post. */
export const postRevisions = pgTable(
  'post_revisions',
  {
    id: id(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    revision: integer('revision').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    editedById: uuid('edited_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('post_revisions_post_revision_idx').on(t.postId, t.revision)],
);

export const notificationKind = pgEnum('notification_kind', ['mention', 'reply', 'watching']);
export const watchLevel = pgEnum('watch_level', ['watching', 'tracking', 'muted']);
export const watchTarget = pgEnum('watch_target', ['thread', 'channel']);

/** In-app notifications. Public-forum only: they carry ids, and text is read through the authorised path. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: notificationKind('kind').notNull(),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_user_post_idx').on(t.userId, t.postId),
  ],
);

export const watches = pgTable(
  'watches',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    targetType: watchTarget('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    level: watchLevel('level').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index('watches_target_idx').on(t.targetType, t.targetId)],
);

/** How far each person has read each thread: unread markers and "new replies" counts. */
export const threadReads = pgTable(
  'thread_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    threadId: uuid('thread_id')
      .notNull()
      .references(() => threads.id),
    readPostCount: integer('read_post_count').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.threadId] })],
);

export const referenceCounters = pgTable('reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

export const incidentRooms = pgTable('incident_rooms', {
  id: id(),
  reference: text('reference').notNull().unique(),
  title: text('title').notNull(),
  severity: severity('severity').notNull(),
  tlp: tlp('tlp').notNull(),
  status: roomStatus('status').notNull().default('open'),
  summary: text('summary').notNull(),
  publicHeadline: text('public_headline').notNull(),
  createdById: uuid('created_by_id')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
});

export const roomOrganisations = pgTable(
  'room_organisations',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    invitedById: uuid('invited_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.organisationId] })],
);

export const roomMembers = pgTable(
  'room_members',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: roomRole('role').notNull().default('member'),
    source: membershipSource('source').notNull(),
    grantedById: uuid('granted_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.userId] }), index('room_members_user_idx').on(t.userId)],
);

export const roomPosts = pgTable(
  'room_posts',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    tlp: tlp('tlp').notNull(),
    bodyMarkdown: text('body_markdown').notNull(),
    bodyHtml: text('body_html').notNull(),
    bodyText: text('body_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('english', coalesce(body_text, ''))`),
    createdAt: createdAt(),
  },
  (t) => [
    index('room_posts_room_created_idx').on(t.roomId, t.createdAt, t.id),
    index('room_posts_search_idx').using('gin', t.searchVector),
  ],
);

/** Public, TLP:CLEAR by definition. One row per published version. */
export const bulletins = pgTable(
  'bulletins',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    version: integer('version').notNull(),
    headline: text('headline').notNull(),
    bodyMarkdown: text('body_markdown').notNull().default(''),
    bodyHtml: text('body_html').notNull().default(''),
    publishedById: uuid('published_by_id')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bulletins_room_version_idx').on(t.roomId, t.version)],
);

/** The outbox and the ledger in one: a row is written with the change that causes it, and tracks delivery. */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    userId: uuid('user_id').references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    phone: text('phone').notNull(),
    kind: smsKind('kind').notNull(),
    templateId: uuid('template_id').notNull(),
    personalisation: jsonb('personalisation').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    status: smsStatus('status').notNull().default('queued'),
    notifyId: uuid('notify_id'),
    notifyStatus: text('notify_status'),
    failureReason: text('failure_reason'),
    attempts: integer('attempts').notNull().default(0),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sms_room_phone_kind_idx').on(t.roomId, t.phone, t.kind),
    index('sms_status_idx').on(t.status),
  ],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    ip: text('ip'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('audit_subject_idx').on(t.subjectType, t.subjectId), index('audit_created_idx').on(t.createdAt)],
);

/** Shared rate budgets (the Notify token bucket), one row per bucket. */
export const rateBuckets = pgTable('rate_buckets', {
  name: text('name').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
