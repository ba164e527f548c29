'use client';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="nhsuk-header__account-button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: '/sign-in' }).catch(() => setBusy(false));
      }}
    >
      Sign out
    </button>
  );
}
