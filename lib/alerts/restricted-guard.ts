/**
 * The last check before a text leaves: it must not contain any of the room's restricted strings —
 * the title, the summary, and every five-word phrase of either (enough to catch a restricted sentence
 * pasted into the public headline). Matching ignores case and runs of white space.
 */
const PHRASE_WORDS = 5;

export function findRestrictedContent(text: string, restricted: string[]): string | null {
  const haystack = fold(text);
  for (const item of restricted) {
    const needle = fold(item);
    if (needle.length >= 4 && haystack.includes(needle)) return item;
  }
  return null;
}

export function restrictedStringsOf(room: { title: string; summary: string }): string[] {
  const candidates = [room.title, room.summary, ...phrases(room.title), ...phrases(room.summary)];
  return [...new Set(candidates.map((s) => s.trim()).filter((s) => s.length >= 4))];
}

function fold(s: string) {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

function phrases(s: string): string[] {
  const words = s.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i + PHRASE_WORDS <= words.length; i++) out.push(words.slice(i, i + PHRASE_WORDS).join(' '));
  return out;
}
