import { and, asc, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';

export type ChannelSummary = { id: string; slug: string; name: string; description: string };

export async function listChannels(actor: Actor): Promise<ChannelSummary[]> {
  if (!mayReadChannels(actor)) return [];
  return getDb()
    .select({
      id: schema.channels.id,
      slug: schema.channels.slug,
      name: schema.channels.name,
      description: schema.channels.description,
    })
    .from(schema.channels)
    .where(isNull(schema.channels.archivedAt))
    .orderBy(asc(schema.channels.position), asc(schema.channels.name));
}

export async function getChannelBySlug(actor: Actor, slug: string) {
  if (!mayReadChannels(actor)) throw NotFound();
  const [channel] = await getDb()
    .select()
    .from(schema.channels)
    .where(and(eq(schema.channels.slug, slug)))
    .limit(1);
  if (!channel) throw NotFound();
  return channel;
}
