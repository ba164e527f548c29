import { sql } from 'drizzle-orm';
import {
  bigserial,
  bigint,
  check,
  customType,
  varchar,
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
/** `closed`: the account was closed at its owner's request; posts stay, attributed to "a former member". */
export const userStatus = pgEnum('user_status', ['active', 'suspended', 'closed']);
export const severity = pgEnum('severity', ['low', 'moderate', 'high', 'critical']);
export const tlp = pgEnum('tlp', ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
export const roomStatus = pgEnum('room_status', ['open', 'contained', 'resolved', 'closed']);
export const roomRole = pgEnum('room_role', ['lead', 'member', 'observer']);
export const membershipSource = pgEnum('membership_source', ['creator', 'person', 'organisation', 'nomination', 'staff_entry']);
export const roomEventKind = pgEnum('room_event_kind', [
  'created',
  'severity_changed',
  'status_changed',
  'tlp_changed',
  'archived',
  'invited',
  'joined',
  'declined',
  'revoked',
  'removed',
  'role_changed',
  'bulletin_published',
  'texts_sent',
  'status_update',
  'org_status',
  'settings_changed',
]);
/** `follow_up`: a signpost re-sent when the lead publishes a bulletin update and chooses to text it. */
export const smsKind = pgEnum('sms_kind', ['alert', 'signpost', 'follow_up']);
export const smsStatus = pgEnum('sms_status', ['queued', 'sending', 'delivered', 'failed']);

export const organisations = pgTable('organisations', {
  id: id(),
  name: text('name').notNull(),
  odsCode: text('ods_code').notNull().unique(),
  type: organisationType('type').notNull(),
  region: text('region').notNull().default(''),
  /** The organisation this one supports (a CSU for its ICB): AMBER nominations may reach its people. */
  supportsOrganisationId: uuid('supports_organisation_id'),
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
    /** A designated incident contact accepts incident-room invitations for their organisation. */
    incidentContact: boolean('incident_contact').notNull().default(false),
    sessionVersion: integer('session_version').notNull().default(0),
    jobRole: text('job_role').notNull().default(''),
    /** Profile text the member wrote; who may see each profile field is in profileVisibility. */
    bio: text('bio').notNull().default(''),
    profileVisibility: jsonb('profile_visibility').$type<Record<string, 'members' | 'organisation' | 'staff'>>().notNull().default(sql`'{}'::jsonb`),
    /** TOTP secret, encrypted at rest (lib/auth/mfa); enabled once the first code was confirmed. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The TOTP time step of the last accepted code: a code of that step or earlier is a replay. */
    totpLastTimeStep: integer('totp_last_time_step'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    /** Silenced members read but cannot post until then. */
    silencedUntil: timestamp('silenced_until', { withTimezone: true }),
    silenceReason: text('silence_reason'),
    /** A suspension ends at this time (null: until lifted). */
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    suspensionReason: text('suspension_reason'),
    /** Last sign-in or request; drives the dormant-account job. */
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
    dormantWarnedAt: timestamp('dormant_warned_at', { withTimezone: true }),
    closureRequestedAt: timestamp('closure_requested_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('users_organisation_idx').on(t.organisationId), index('users_last_active_idx').on(t.lastActiveAt)],
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
    /** Hidden by a moderator: shown as hidden to readers, restorable. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenById: uuid('hidden_by_id').references(() => users.id),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    index('posts_thread_created_idx').on(t.threadId, t.createdAt, t.id),
    index('posts_author_idx').on(t.authorId, t.createdAt),
    index('posts_created_idx').on(t.createdAt),
    index('posts_search_idx').using('gin', t.searchVector),
  ],
);

/**
 * Every earlier version of an edited post. A moderator may redact one (restricted detail the author later edited
 * out): readers then see "Removed by a moderator" in its place. The text is kept, readable by staff only (like a
 * hidden post's), for the audit trail, and the redaction can be undone.
 */
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
    /** Redacted by a moderator: shown as "Removed by a moderator" to everyone but staff. */
    redactedAt: timestamp('redacted_at', { withTimezone: true }),
    redactedById: uuid('redacted_by_id').references(() => users.id),
    redactedReason: text('redacted_reason'),
  },
  (t) => [uniqueIndex('post_revisions_post_revision_idx').on(t.postId, t.revision)],
);

export const notificationKind = pgEnum('notification_kind', ['mention', 'reply', 'watching']);
/** 'normal' is stored when chosen, so it overrides the channel's level and stops the thread being tracked on reading. */
export const watchLevel = pgEnum('watch_level', ['watching', 'tracking', 'muted', 'normal']);
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
    /** Set by Watchroom (reading or replying tracks a thread), not chosen: a level chosen for the channel wins over it. */
    automatic: boolean('automatic').notNull().default(false),
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
  /** Set after closing: the room leaves the active list but stays readable to its members. */
  archivedAt: timestamp('archived_at', { withTimezone: true }),
  /** Leads are reminded when no status update has been posted for this long. */
  updateIntervalMinutes: integer('update_interval_minutes').notNull().default(240),
  /** Minutes after the alert before an unacknowledged organisation's deputies are texted; null: SMS_ESCALATION_MINUTES. */
  escalationMinutes: integer('escalation_minutes'),
  lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
});

export const roomPostKind = pgEnum('room_post_kind', ['message', 'status_update']);
export const orgIncidentStatus = pgEnum('org_incident_status', ['not_affected', 'investigating', 'impacted', 'contained', 'recovered']);

/** Each organisation's latest reported state in a room (history is on the room's timeline). */
export const roomOrgStatuses = pgTable(
  'room_org_statuses',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    status: orgIncidentStatus('status').notNull(),
    note: text('note').notNull().default(''),
    updatedById: uuid('updated_by_id')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.organisationId] })],
);

/** In-app reminders to a room's leads that no status update has been posted for the update interval. */
export const roomReminders = pgTable(
  'room_reminders',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
  },
  (t) => [index('room_reminders_user_idx').on(t.userId, t.dismissedAt)],
);

export const invitationKind = pgEnum('invitation_kind', ['person', 'organisation']);
export const invitationStatus = pgEnum('invitation_status', ['pending', 'accepted', 'declined', 'revoked']);

/**
 * Invitations made after a room opens. A person's is answered by that person; an organisation's by its
 * designated incident contacts. Until accepted the invitee sees only the room's public fields. A pending
 * invitation past `expires_at` is expired.
 */
export const roomInvitations = pgTable(
  'room_invitations',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    kind: invitationKind('kind').notNull(),
    userId: uuid('user_id').references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    status: invitationStatus('status').notNull().default('pending'),
    invitedById: uuid('invited_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedById: uuid('responded_by_id').references(() => users.id),
  },
  (t) => [
    index('room_invitations_room_idx').on(t.roomId),
    index('room_invitations_user_idx').on(t.userId),
    index('room_invitations_org_idx').on(t.organisationId),
  ],
);

/**
 * The room's typed timeline, shown beside the discussion to its members. Detail holds only ids and
 * enumerated values (from/to severity, role, count): never restricted text.
 */
export const roomEvents = pgTable(
  'room_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    kind: roomEventKind('kind').notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    subjectOrganisationId: uuid('subject_organisation_id').references(() => organisations.id),
    detail: jsonb('detail').$type<Record<string, string | number | null>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [index('room_events_room_idx').on(t.roomId, t.createdAt, t.id)],
);

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
    /** Why a nominated person or an entering admin needs access (need-to-know). */
    reason: text('reason'),
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
    kind: roomPostKind('kind').notNull().default('message'),
    /** Shown as the author's organisation type and region; only staff in the room can reveal the author (audited). */
    anonymous: boolean('anonymous').notNull().default(false),
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
    /** Bumped when a failed text is re-sent: the Notify reference of series n > 0 is `<id>.r<n>`. */
    series: integer('series').notNull().default(0),
    lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
    /** A worker's lease while it hands the text over: two jobs for one text never send it twice. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** The signpost's personal short link `/a/<token>`: records that this person opened the bulletin. */
    linkToken: text('link_token').unique(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The bulletin version a follow-up signposts (0 for the first alert and signpost). */
    bulletinVersion: integer('bulletin_version').notNull().default(0),
    /** Retention: the phone number was cut to its last three digits at this time. */
    phoneRedactedAt: timestamp('phone_redacted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sms_room_phone_kind_idx').on(t.roomId, t.phone, t.kind, t.bulletinVersion),
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

// ── SMS alerting (issue 5) ───────────────────────────────────────────────────

/**
 * One row ('global'): admins pause and resume all sending; Notify's daily limit holds it until the
 * next UTC day. Queued texts stay queued meanwhile and are sent afterwards.
 */
export const sendingControls = pgTable('sending_controls', {
  id: text('id').primaryKey().default('global'),
  paused: boolean('paused').notNull().default(false),
  pausedAt: timestamp('paused_at', { withTimezone: true }),
  pausedById: uuid('paused_by_id').references(() => users.id),
  heldUntil: timestamp('held_until', { withTimezone: true }),
  heldReason: text('held_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who has acknowledged a room's alert: in the room (signed in) or by replying ACK to the text. One per person. */
export const roomAcknowledgements = pgTable(
  'room_acknowledgements',
  {
    id: id(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    userId: uuid('user_id').references(() => users.id),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    phone: text('phone'),
    via: text('via').$type<'room' | 'sms'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('room_ack_user_idx').on(t.roomId, t.userId),
    uniqueIndex('room_ack_phone_idx').on(t.roomId, t.phone),
    index('room_ack_org_idx').on(t.roomId, t.organisationId),
  ],
);

export const contactRole = pgEnum('contact_role', ['primary', 'deputy', 'alert_only']);

/**
 * An organisation's designated key contacts, managed by moderators: a primary and deputies (members, or a
 * name and mobile with no account) and alert-only contacts. Primary and alert-only contacts are texted
 * when the organisation is invited to an alerting room; deputies when nobody there acknowledges in time.
 */
export const organisationContacts = pgTable(
  'organisation_contacts',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: contactRole('role').notNull(),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    /** E.164, checked with lib/alerts/phone.ts. */
    phone: text('phone').notNull(),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('organisation_contacts_org_phone_idx').on(t.organisationId, t.phone), index('organisation_contacts_org_idx').on(t.organisationId, t.role)],
);

/** One per invited organisation of an alerting room: when its deputies are texted if nobody has acknowledged. */
export const roomEscalations = pgTable(
  'room_escalations',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => incidentRooms.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Set when checked: escalated (deputies texted) or not needed (already acknowledged). */
    outcome: text('outcome').$type<'escalated' | 'acknowledged' | 'no_deputies'>(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    deputiesTexted: integer('deputies_texted').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.organisationId] })],
);

// ── Accounts, vetting and moderation (issue 6) ───────────────────────────────

/** Signed-in sessions: the JWT names one; revoking it (or all of a user's) signs that browser out on its next request. */
export const userSessions = pgTable(
  'user_sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ip: text('ip'),
    userAgent: text('user_agent').notNull().default(''),
    /** False until the second factor is confirmed, for accounts that have one. */
    mfaPassed: boolean('mfa_passed').notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId, t.revokedAt)],
);

/** One-time MFA recovery codes, stored hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** Work email domains that may request an account (e.g. nhs.net), managed by admins. */
export const emailDomains = pgTable('email_domains', {
  domain: text('domain').primaryKey(),
  addedById: uuid('added_by_id').references(() => users.id),
  createdAt: createdAt(),
});

export const signupStatus = pgEnum('signup_status', ['awaiting_sponsor', 'pending', 'approved', 'rejected']);

/** A request to join: vouched for by a sponsor (an existing member), then approved or rejected by a moderator. */
export const signupRequests = pgTable(
  'signup_requests',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    jobRole: text('job_role').notNull(),
    /** Null when the email the applicant gave names no active member: the request goes straight to moderators. */
    sponsorId: uuid('sponsor_id').references(() => users.id),
    /** The sponsor's email as the applicant typed it (lower-cased). */
    sponsorEmail: text('sponsor_email').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    status: signupStatus('status').notNull().default('awaiting_sponsor'),
    sponsorDecision: text('sponsor_decision').$type<'vouched' | 'declined'>(),
    sponsorNote: text('sponsor_note'),
    sponsorRespondedAt: timestamp('sponsor_responded_at', { withTimezone: true }),
    reviewedById: uuid('reviewed_by_id').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    /** The account created on approval. */
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('signup_requests_status_idx').on(t.status, t.createdAt), index('signup_requests_sponsor_idx').on(t.sponsorId, t.status), index('signup_requests_email_idx').on(t.email),
    /** At most one open request per email, even when two arrive at once. */
    uniqueIndex('signup_requests_open_email_idx').on(t.email).where(sql`status in ('awaiting_sponsor', 'pending')`),
  ],
);

/** Emails sent through GOV.UK Notify's email API (simulated without a key): outbox and ledger, like sms_messages. */
export const emailMessages = pgTable(
  'email_messages',
  {
    id: id(),
    toAddress: text('to_address').notNull(),
    purpose: text('purpose').notNull(),
    templateId: uuid('template_id').notNull(),
    personalisation: jsonb('personalisation').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    status: smsStatus('status').notNull().default('queued'),
    notifyId: uuid('notify_id'),
    failureReason: text('failure_reason'),
    attempts: integer('attempts').notNull().default(0),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('email_messages_status_idx').on(t.status)],
);

/** A pending mobile-number check: a 6-digit code (hashed), valid 10 minutes, 5 tries. One per user. */
export const mobileVerifications = pgTable('mobile_verifications', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  phone: text('phone').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  notifyId: uuid('notify_id'),
  createdAt: createdAt(),
});

export const reportStatus = pgEnum('report_status', ['open', 'actioned', 'dismissed']);

/** A member's report of a post, reviewed by moderators. */
export const postReports = pgTable(
  'post_reports',
  {
    id: id(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: reportStatus('status').notNull().default('open'),
    resolvedById: uuid('resolved_by_id').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution'),
    createdAt: createdAt(),
  },
  (t) => [index('post_reports_status_idx').on(t.status, t.createdAt), uniqueIndex('post_reports_post_reporter_idx').on(t.postId, t.reporterId)],
);

/**
 * Every moderator and admin action, with its reason: the staff action log. Watchroom's own actions
 * (a sanction lifted at its end date) have no acting person and are marked `automatic`.
 */
export const staffActions = pgTable(
  'staff_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    automatic: boolean('automatic').notNull().default(false),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    targetUserId: uuid('target_user_id').references(() => users.id),
    reason: text('reason').notNull().default(''),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    index('staff_actions_created_idx').on(t.createdAt),
    index('staff_actions_actor_idx').on(t.actorId, t.createdAt),
    index('staff_actions_action_idx').on(t.action, t.createdAt),
    index('staff_actions_target_user_idx').on(t.targetUserId, t.createdAt),
    // Exactly one of: a person acted, or Watchroom did it automatically.
    check('staff_actions_actor_or_automatic', sql`(${t.actorId} is null) = ${t.automatic}`),
  ],
);

export const apiTokenScope = pgEnum('api_token_scope', ['read', 'read_write']);

/** Personal API tokens: shown once, stored as a SHA-256 hash, with an expiry; `Authorization: Bearer`. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters of the token, to tell tokens apart in the list. */
    prefix: text('prefix').notNull(),
    scope: apiTokenScope('scope').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/** rate-limiter-flexible's table (RateLimiterPostgres with tableCreated: true): sign-in and code-check budgets. */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

// ── Scale-out (issue 7) ──────────────────────────────────────────────────────

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** @socket.io/postgres-adapter's table for payloads too large for NOTIFY. */
export const socketIoAttachments = pgTable('socket_io_attachments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: createdAt(),
  payload: bytea('payload'),
});
