'use client';
import { usePathname } from 'next/navigation';
import { ContentsNav } from '../_components/contents-nav';

/** Every page about your own account, as a contents list under the page heading. */
const pages = [
  { href: '/account/profile', text: 'Your profile' },
  { href: '/account/mobile', text: 'Mobile number for alerts' },
  { href: '/account/sessions', text: 'Where you are signed in' },
  { href: '/account/password', text: 'Change your password' },
  { href: '/account/mfa', text: 'Two-step verification' },
  { href: '/account/api-tokens', text: 'API tokens' },
  { href: '/account/data', text: 'Download your data' },
  { href: '/account/close', text: 'Close your account' },
];

export function AccountNav() {
  return <ContentsNav label="Your account" pages={pages} current={usePathname()} />;
}
