import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { CSRF_META_NAME, csrfTokenFor } from '@/lib/http/csrf';
import { getMyHeader } from '@/lib/people/get-me';
import { isStaff, mayViewSimulatedSms } from '@/lib/policy';
import { HeaderSearch } from './_components/header-search';
import { NotificationsLink } from './_components/notifications-link';
import { PrimaryNav, type NavItem } from './_components/primary-nav';
import { SignOutButton } from './_components/sign-out-button';
import './watchroom.css';
import './forum.css';

export const metadata: Metadata = {
  title: { default: 'Watchroom', template: '%s – Watchroom' },
  description: 'Secure collaboration for health and care cyber security teams',
  icons: { icon: '/assets/images/nhsuk-icon-mask.svg' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#005eb8' };

/** Who is signed in, for the header; nothing (and no error) for a signed-out visitor of a public page. */
async function signedInPerson() {
  // One query for the whole header (the session check, organisation and unread count), shared with the page.
  const me = await getMyHeader();
  if (!me) return null;
  const actor = me.actor;
  const csrfToken = actor.sessionId ? csrfTokenFor(actor.sessionId) : null;
  // Signed in but not past two-step verification yet: only signing out applies.
  if (me.pending) return { pending: true, name: me.name, organisation: null, isAdmin: false, isStaff: false, unread: 0, csrfToken };
  return {
    pending: false,
    name: me.name,
    organisation: me.organisation,
    isAdmin: mayViewSimulatedSms(actor),
    isStaff: isStaff(actor),
    unread: me.unread,
    csrfToken,
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const person = await signedInPerson();
  const nav: NavItem[] = person && !person.pending
    ? [
        { href: '/', text: 'Channels', match: ['/', '/channels', '/threads'] },
        { href: '/incidents', text: 'Incident rooms', match: ['/incidents'] },
        { href: '/bulletins', text: 'Public bulletins', match: ['/bulletins'] },
        { href: '/directory/people', text: 'Directory', match: ['/directory', '/account/profile'] },
        ...(person.isStaff ? [{ href: '/admin/signups', text: 'Sign-up requests', match: ['/admin/signups'] }] : []),
        ...(person.isStaff ? [{ href: '/admin/reports', text: 'Moderation', match: ['/admin/reports', '/admin/moderation', '/admin/staff-log'] }] : []),
        ...(person.isStaff ? [{ href: '/admin/closures', text: 'Account closures', match: ['/admin/closures'] }] : []),
        ...(person.isAdmin ? [{ href: '/admin/users', text: 'Users', match: ['/admin/users', '/admin/email-domains'] }] : []),
        ...(person.isStaff ? [{ href: '/admin/channels', text: 'Manage channels', match: ['/admin/channels'] }] : []),
        ...(person.isStaff ? [{ href: '/admin/contacts', text: 'Key contacts', match: ['/admin/contacts'] }] : []),
        ...(person.isAdmin ? [{ href: '/admin/sms', text: 'SMS outbox', match: ['/admin/sms'] }] : []),
      ]
    : [];
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/assets/nhsuk.css" />
        {person?.csrfToken ? <meta name={CSRF_META_NAME} content={person.csrfToken} /> : null}
      </head>
      <body>
        <a className="nhsuk-skip-link" href="#maincontent">
          Skip to main content
        </a>
        <header className="nhsuk-header" role="banner">
          <div className="nhsuk-header__container nhsuk-width-container">
            <div className="nhsuk-header__service">
              <a className="nhsuk-header__service-logo" href="/" aria-label="Watchroom homepage">
                <svg className="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" aria-hidden="true">
                  <path
                    fill="currentcolor"
                    d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"
                  />
                </svg>
                <span className="nhsuk-header__service-name">Watchroom</span>
              </a>
            </div>
            {person && !person.pending ? <HeaderSearch /> : null}
            <nav className="nhsuk-header__account" aria-label="Account">
              <ul className="nhsuk-header__account-list">
                {person ? (
                  <>
                    <li className="nhsuk-header__account-item wr-account-person">
                      <svg className="nhsuk-icon nhsuk-icon--user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
                        <path d="M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z" />
                      </svg>
                      <span>
                        <span className="nhsuk-u-visually-hidden">Signed in as </span>
                        {person.name}
                        {person.organisation ? <span className="wr-account-org">, {person.organisation}</span> : null}
                      </span>
                    </li>
                    {person.pending ? null : (
                      <>
                        <li className="nhsuk-header__account-item">
                          <NotificationsLink initialUnread={person.unread} />
                        </li>
                        <li className="nhsuk-header__account-item">
                          <a className="nhsuk-header__account-link" href="/account/profile">
                            Your account
                          </a>
                        </li>
                      </>
                    )}
                    <li className="nhsuk-header__account-item">
                      <SignOutButton />
                    </li>
                  </>
                ) : (
                  <li className="nhsuk-header__account-item">
                    <a className="nhsuk-header__account-link" href="/sign-in">
                      Sign in
                    </a>
                  </li>
                )}
              </ul>
            </nav>
          </div>
          {nav.length ? <PrimaryNav items={nav} /> : null}
        </header>
        {children}
        <footer className="nhsuk-footer" role="contentinfo">
          <div className="nhsuk-width-container">
            <div className="nhsuk-footer__meta">
              <h2 className="nhsuk-u-visually-hidden">About Watchroom</h2>
              <p className="nhsuk-body-s">
                Watchroom is a secure forum for health and care cyber security staff. Respect the TLP label on everything you read here and share
                nothing beyond it. <a href="/help/tlp">What the TLP labels mean</a>.
              </p>
              <p className="nhsuk-body-s">Report a suspected incident to your organisation&apos;s security team first.</p>
            </div>
          </div>
        </footer>
      </body>
    </html>
  );
}
