import { describe, expect, it } from 'vitest';
import { roomFactsKey } from '@/app/incidents/[id]/room-facts';
import { GET } from '@/app/api/v1/incidents/[id]/route';
import { changeRoomTlp } from '@/lib/incidents/change-room-tlp';
import { getRoom } from '@/lib/incidents/get-room';
import { apiRequest, signedIn } from './api-fuzz-session';
import { actorFor, makeUser, openCriticalRoom, useTestDatabase } from './harness';

/**
 * The room page re-renders once live only when the facts it was rendered with differ from the API's: so
 * one state must give one key whether it comes from the server's objects or from the API's JSON.
 */
useTestDatabase();

describe('room facts key', () => {
  it('is the same for the page’s room and the API’s JSON of it, and changes with the facts', async () => {
    const leadUser = await makeUser({ role: 'incident_lead' });
    const lead = actorFor(leadUser);
    const room = await openCriticalRoom(lead, []);
    const session = await signedIn(leadUser);
    const fromApi = async () => (await (await GET(apiRequest(session, 'GET', `/api/v1/incidents/${room.id}`), { params: Promise.resolve({ id: room.id }) })).json()) as Parameters<typeof roomFactsKey>[0];

    const rendered = roomFactsKey(await getRoom(lead, room.id));
    expect(roomFactsKey(await fromApi())).toBe(rendered);

    await changeRoomTlp(lead, room.id, { tlp: 'AMBER+STRICT' });
    const changed = roomFactsKey(await fromApi());
    expect(changed).not.toBe(rendered);
    expect(roomFactsKey(await getRoom(lead, room.id))).toBe(changed);
  });
});
