import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './watchroom.css';

export const metadata: Metadata = {
  title: { default: 'Watchroom', template: '%s – Watchroom' },
  description: 'Secure collaboration for health and care cyber security teams',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en-GB">
      <head>
        <link rel="stylesheet" href="/assets/nhsuk.css" />
      </head>
      <body>{children}</body>
    </html>
  );
}
