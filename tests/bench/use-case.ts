/**
 * The post-creation use case called in this process, without HTTP or Next: the same `createPost` the API
 * route calls (markdown-it + DOMPurify, the transaction, notifications), against the bench database. Beside
 * the API figure it shows how much of a post's cost is the use case and how much the web framework around it.
 */
import type postgres from 'postgres';
import { postParagraphs, rng } from './corpus';

export type UseCaseResult = { perSecond: number; done: number; seconds: number; cpuMsPerPost: number; renderMsPerPost: number };

export async function createPostsInProcess(
  sql: postgres.Sql,
  databaseUrl: string,
  opts: { email: string; threadIds: string[]; seconds: number; concurrency: number },
): Promise<UseCaseResult> {
  const { setRuntimeEnv } = await import('@/lib/config');
  setRuntimeEnv({ DATABASE_URL: databaseUrl });
  const { createPost } = await import('@/lib/forum/create-post');
  const { renderMarkdown } = await import('@/lib/markdown');
  const { closeDb } = await import('@/db/client');
  const [user] = await sql<{ id: string; name: string; email: string; role: 'member'; organisation_id: string }[]>`
    select id, name, email, role, organisation_id from users where email = ${opts.email}`;
  if (!user) throw new Error(`no user ${opts.email}`);
  const actor = { id: user.id, name: user.name, email: user.email, role: user.role, organisationId: user.organisation_id };
  const words = rng(11);
  const bodies = Array.from({ length: 500 }, () => postParagraphs(words).join('\n\n'));
  let turn = 0;
  const run = async (ms: number) => {
    const end = performance.now() + ms;
    let done = 0;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < end) {
          const n = turn++;
          await createPost(actor, opts.threadIds[n % opts.threadIds.length], { body: bodies[n % bodies.length] });
          done++;
        }
      }),
    );
    return done;
  };
  try {
    await run(1000); // warm-up
    const cpu = process.cpuUsage();
    const started = performance.now();
    const done = await run(opts.seconds * 1000);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    const renderCpu = process.cpuUsage();
    for (const body of bodies) renderMarkdown(body);
    const rendered = process.cpuUsage(renderCpu);
    return {
      perSecond: done / seconds,
      done,
      seconds,
      cpuMsPerPost: (used.user + used.system) / 1000 / done,
      renderMsPerPost: (rendered.user + rendered.system) / 1000 / bodies.length,
    };
  } finally {
    await closeDb();
  }
}
