import { config } from '@/lib/config';
import type { EmailContent } from './queue-email';

/**
 * Every email Watchroom sends, built only from sign-up and account fields: names, organisation, the
 * applicant's job role, a moderator's reason. No incident room, post or channel text ever goes in an email.
 */
const url = (path: string) => `${config().publicUrl}${path}`;

export function sponsorRequestEmail(p: { sponsorName: string; applicantName: string; applicantEmail: string; organisationName: string; jobRole: string }): EmailContent {
  return {
    subject: 'Watchroom: please vouch for a sign-up request',
    body: [
      `Dear ${p.sponsorName},`,
      `${p.applicantName} (${p.applicantEmail}), ${p.jobRole} at ${p.organisationName}, has asked to join Watchroom and named you as their sponsor.`,
      `If you know them and their role, vouch for them; if not, decline. Sign in to answer: ${url('/sponsor')}`,
      'A moderator makes the final decision.',
    ].join('\n\n'),
  };
}

export function signupApprovedEmail(p: { name: string }): EmailContent {
  return {
    subject: 'Your Watchroom account is ready',
    body: [`Dear ${p.name},`, 'Your request to join Watchroom has been approved.', `Sign in with your work email and the password you chose: ${url('/sign-in')}`].join('\n\n'),
  };
}

export function signupRejectedEmail(p: { name: string; reason: string }): EmailContent {
  return {
    subject: 'Your Watchroom sign-up request',
    body: [`Dear ${p.name},`, 'Your request to join Watchroom was not approved.', `Reason: ${p.reason}`, 'If you think this is a mistake, ask your organisation’s cyber security lead.'].join('\n\n'),
  };
}

export function dormantWarningEmail(p: { name: string; suspendAfterDays: number }): EmailContent {
  return {
    subject: 'Your Watchroom account will be suspended',
    body: [
      `Dear ${p.name},`,
      'You have not signed in to Watchroom for a year.',
      `To keep your account, sign in within ${p.suspendAfterDays} days: ${url('/sign-in')}`,
      'Otherwise it will be suspended and a moderator will need to restore it.',
    ].join('\n\n'),
  };
}

export function dormantSuspendedEmail(p: { name: string }): EmailContent {
  return {
    subject: 'Your Watchroom account has been suspended',
    body: [`Dear ${p.name},`, 'Your Watchroom account was suspended because it had not been used for more than a year.', 'Ask a Watchroom moderator if you need it restored.'].join('\n\n'),
  };
}
