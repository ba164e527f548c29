import { describe, expect, it } from 'vitest';
import { composeRoomTexts } from '@/lib/alerts/outbox';
import { ALERT_TEMPLATE_BODY, bulletinUrl, composeSms, MAX_SMS_LENGTH, renderTemplate, SIGNPOST_TEMPLATE_BODY } from '@/lib/alerts/templates';
import { config } from '@/lib/config';
import { FAKE_NOTIFY_DEFAULTS, renderSmsTemplate } from '../fakes/fake-notify';

const room = {
  id: 'b7d3f0a2-1c4e-4e5f-9a6b-1c2d3e4f5a60',
  reference: 'INC-2026-0042',
  severity: 'critical',
  publicHeadline: 'Cyber incident affecting NHS organisations in the North West',
  title: 'Ransomware at Northgate General',
  summary: 'LockBit affiliate entered through the unpatched Citrix gateway on Friday night.',
};

describe('renderTemplate', () => {
  it('fills ((placeholders)) and leaves unknown ones empty', () => {
    expect(renderTemplate('((a)) and ((b)) and ((c))', { a: 'one', b: 'two' })).toBe('one and two and ');
  });
});

describe('composeSms', () => {
  it('builds the alert from reference, severity and public headline only', () => {
    const sms = composeSms('alert', room);
    expect(sms.templateId).toBe(config().NOTIFY_ALERT_TEMPLATE_ID);
    expect(sms.personalisation).toEqual({ severity: 'CRITICAL', reference: 'INC-2026-0042', headline: room.publicHeadline });
    expect(sms.body).toBe(
      'CRITICAL cyber incident INC-2026-0042: Cyber incident affecting NHS organisations in the North West. Watchroom will text you a link to the public bulletin.',
    );
  });

  it('builds the signpost from the reference and the public bulletin URL', () => {
    const sms = composeSms('signpost', room);
    expect(sms.templateId).toBe(config().NOTIFY_SIGNPOST_TEMPLATE_ID);
    expect(sms.personalisation).toEqual({ reference: 'INC-2026-0042', url: 'http://localhost:3000/bulletins/INC-2026-0042' });
    expect(sms.body).toBe('Public bulletin for INC-2026-0042: http://localhost:3000/bulletins/INC-2026-0042');
    expect(bulletinUrl('INC 1/2')).toBe('http://localhost:3000/bulletins/INC%201%2F2');
  });

  it('matches what Notify renders from the same templates and personalisation', () => {
    const notifyTemplates = Object.fromEntries(FAKE_NOTIFY_DEFAULTS.templates.map((t) => [t.id, t.body]));
    expect(notifyTemplates[config().NOTIFY_ALERT_TEMPLATE_ID]).toBe(ALERT_TEMPLATE_BODY);
    expect(notifyTemplates[config().NOTIFY_SIGNPOST_TEMPLATE_ID]).toBe(SIGNPOST_TEMPLATE_BODY);
    for (const kind of ['alert', 'signpost'] as const) {
      const sms = composeSms(kind, room);
      const rendered = renderSmsTemplate(notifyTemplates[sms.templateId], sms.personalisation);
      expect(rendered.missing).toEqual([]);
      expect(rendered.body).toBe(sms.body);
    }
  });
});

describe('composeRoomTexts', () => {
  it('gives an alert and a signpost without restricted text', () => {
    const texts = composeRoomTexts(room);
    expect(texts.map((t) => t.kind)).toEqual(['alert', 'signpost']);
    for (const t of texts) {
      expect(t.body).not.toContain('Northgate');
      expect(t.body).not.toContain('Citrix');
    }
  });

  it('refuses a headline that repeats the title or a phrase of the summary, naming publicHeadline', () => {
    for (const publicHeadline of [room.title, `News: ${room.title.toLowerCase()}`, 'Entered through the unpatched Citrix gateway']) {
      expect(() => composeRoomTexts({ ...room, publicHeadline })).toThrow(
        expect.objectContaining({ code: 'invalid', fields: { publicHeadline: ['The public headline must not repeat the restricted title or summary'] } }),
      );
    }
  });

  it('refuses a headline that would make the text longer than Notify allows', () => {
    const publicHeadline = 'Service disruption '.repeat(50);
    expect(() => composeRoomTexts({ ...room, publicHeadline })).toThrow(
      expect.objectContaining({ code: 'invalid', fields: { publicHeadline: ['Shorten the public headline'] } }),
    );
    expect(MAX_SMS_LENGTH).toBe(918);
  });
});
